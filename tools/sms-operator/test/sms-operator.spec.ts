import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '../../..');

/** Starts the tool on a free port and returns the process with a reader of its JSON lines. */
async function startTool(
  token: string,
): Promise<{ lines: object[]; tool: ChildProcess; url: string }> {
  const tool = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/sms-operator/main.ts', '--port', '0', '--token', token],
    { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' } },
  );
  const lines: object[] = [];
  const listening = new Promise<string>((resolve, reject) => {
    tool.once('exit', (code) => reject(new Error(`tool exited with ${code}`)));
    createInterface({ input: tool.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { event: string; url?: string };

      lines.push(entry);
      if (entry.event === 'listening' && entry.url) resolve(entry.url);
    });
  });

  return { lines, tool, url: await listening };
}

describe('sms-operator tool', () => {
  let tool: ChildProcess | undefined;

  afterEach(async () => {
    if (tool?.exitCode === null) {
      tool.kill('SIGTERM');
      await once(tool, 'exit');
    }
  });

  it('records and prints messages', async () => {
    const started = await startTool('demo-token');

    tool = started.tool;

    const sent = await fetch(started.url, {
      body: JSON.stringify({ reference: 'r-1', text: 'رمز التحقق: 123456', to: '+963944123456' }),
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      method: 'POST',
    });
    const listed = (await (await fetch(started.url)).json()) as { messages: object[] };

    expect(sent.status).toBe(201);
    expect(listed.messages).toEqual([
      expect.objectContaining({ reference: 'r-1', to: '+963944123456' }),
    ]);
    expect(started.lines).toContainEqual(
      expect.objectContaining({ event: 'message', reference: 'r-1' }),
    );
  }, 30_000);

  it('fails on request until recovered', async () => {
    const started = await startTool('demo-token');
    const send = (): Promise<Response> =>
      fetch(started.url, {
        body: JSON.stringify({ reference: 'r-2', text: 'hello', to: '+963944123456' }),
        headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
        method: 'POST',
      });
    const failureUrl = started.url.replace(/\/messages$/, '/failure');

    tool = started.tool;
    await fetch(failureUrl, { body: JSON.stringify({ status: 503 }), method: 'PUT' });

    const failed = await send();

    await fetch(failureUrl, { method: 'DELETE' });

    const recovered = await send();
    const wrongToken = await fetch(started.url, {
      body: '{}',
      headers: { authorization: 'Bearer other' },
      method: 'POST',
    });

    expect(failed.status).toBe(503);
    expect(recovered.status).toBe(201);
    expect(wrongToken.status).toBe(401);
  }, 30_000);

  it('exits without a token', async () => {
    const bare = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/sms-operator/main.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, SMS_GATEWAY_TOKEN: '', SWC_NODE_PROJECT: 'tsconfig.base.json' },
      },
    );
    const [code] = await once(bare, 'exit');

    expect(code).toBe(1);
  }, 30_000);
});
