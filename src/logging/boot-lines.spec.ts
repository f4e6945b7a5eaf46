import { loadConfig } from '../config/app-config.js';
import { bootLines } from './boot-lines.js';

describe('bootLines', () => {
  it('says where the service is, where the token file is, and a curl line that reads it', () => {
    const config = { ...loadConfig({ DATA_DIR: '/srv/ms', PORT: '8080' }) };
    const lines = bootLines({ ...config, adminTokenSource: 'generated', adminTokenFile: '/srv/ms/admin-token' });
    expect(lines).toEqual([
      'ready at http://localhost:8080 (mode all, database embedded PGlite in /srv/ms); API docs at http://localhost:8080/docs',
      'admin token generated and kept in /srv/ms/admin-token (mode 600; set ADMIN_TOKEN to use your own)',
      'try: curl -s -H "Authorization: Bearer $(cat /srv/ms/admin-token)" http://localhost:8080/scheduler/status',
    ]);
    expect(lines.join('\n')).not.toContain(config.adminToken);
  });

  it('never prints a token given in ADMIN_TOKEN, nor the database password', () => {
    const config = loadConfig({ ADMIN_TOKEN: 'secret-token-0123456789', DATABASE_URL: 'postgres://u:pw@db:5432/x' });
    const lines = bootLines(config);
    expect(lines[0]).toContain('database PostgreSQL at db:5432');
    expect(lines.at(-1)).toBe(
      'try: curl -s -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:3000/scheduler/status',
    );
    expect(lines.join('\n')).not.toMatch(/secret-token|pw/);
  });
});
