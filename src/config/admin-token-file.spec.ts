import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withStoredAdminToken } from './admin-token-file.js';
import { ConfigError, loadConfig } from './app-config.js';

describe('withStoredAdminToken (DATA_DIR/admin-token)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ms-token-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates the token on the first boot (mode 600) and reads the same one back later', () => {
    const first = withStoredAdminToken(loadConfig({ DATA_DIR: join(dir, 'data') }));
    expect(first.adminTokenSource).toBe('generated');
    expect(first.adminTokenFile).toBe(join(dir, 'data', 'admin-token'));
    expect(statSync(first.adminTokenFile!).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.adminTokenFile!, 'utf8').trim()).toBe(first.adminToken);
    const second = withStoredAdminToken(loadConfig({ DATA_DIR: join(dir, 'data') }));
    expect(second).toMatchObject({ adminTokenSource: 'file', adminToken: first.adminToken });
  });

  it('leaves ADMIN_TOKEN alone and writes no file', () => {
    const c = withStoredAdminToken(loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: 'my-own-token-0123456789' }));
    expect(c).toMatchObject({ adminTokenSource: 'env', adminToken: 'my-own-token-0123456789', adminTokenFile: null });
    expect(() => statSync(join(dir, 'admin-token'))).toThrow();
  });

  it('refuses a file that holds no usable token, and narrows a wide mode to 600', () => {
    writeFileSync(join(dir, 'admin-token'), 'short\n');
    expect(() => withStoredAdminToken(loadConfig({ DATA_DIR: dir }))).toThrow(ConfigError);
    writeFileSync(join(dir, 'admin-token'), 'a-token-typed-by-an-operator-42\n');
    chmodSync(join(dir, 'admin-token'), 0o644);
    expect(withStoredAdminToken(loadConfig({ DATA_DIR: dir })).adminToken).toBe('a-token-typed-by-an-operator-42');
    expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
  });
});
