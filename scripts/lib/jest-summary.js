// Reads a Jest --json result file and prints "passed failed skipped" on the first line, then the
// full names of failed tests and the messages of suites that failed to run, one per line.
// Usage: node scripts/lib/jest-summary.js RESULT.json
const { readFileSync } = require('node:fs');

const result = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const failedNames = [];

for (const suite of result.testResults ?? []) {
  const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');

  for (const test of failedTests) {
    failedNames.push(`${suite.name}: ${test.fullName}`);
  }

  // A suite that fails to load or whose hooks throw outside a test reports no failed test.
  if (suite.status === 'failed' && failedTests.length === 0) {
    const firstLine = (suite.message ?? '').split('\n').find((line) => line.trim() !== '');

    failedNames.push(`${suite.name}: suite failed to run: ${firstLine?.trim() ?? 'no message'}`);
  }
}

const failedSuitesWithoutTests = failedNames.filter((name) =>
  name.includes(': suite failed to run: '),
);
const failed = result.numFailedTests + failedSuitesWithoutTests.length;
const skipped = result.numPendingTests + result.numTodoTests;

console.log(`${result.numPassedTests} ${failed} ${skipped}`);

for (const name of failedNames) {
  console.log(name);
}
