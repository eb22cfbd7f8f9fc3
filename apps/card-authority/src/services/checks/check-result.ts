import type { CheckCode, CheckResult } from '../application';

export function passed(code: CheckCode, reason: string): CheckResult {
  return { blocking: true, code, passed: true, reason };
}

export function failed(code: CheckCode, reason: string): CheckResult {
  return { blocking: true, code, passed: false, reason };
}
