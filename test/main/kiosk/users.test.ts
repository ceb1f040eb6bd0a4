import { describe, expect, it } from 'vitest';
import { findUser } from '../../../src/main/kiosk/users';

const passwd = 'root:x:0:0:root:/root:/bin/bash\npi:x:1000:1000:,,,:/home/pi:/bin/bash\n';
const group = 'root:x:0:\npi:x:1000:\nspi:x:999:pi,other\nvideo:x:44:other\n';

describe('findUser()', () => {
  it('reads uid, gid, home and every group, primary included', () => {
    expect(findUser(passwd, group, 'pi')).toEqual({ name: 'pi', uid: 1000, gid: 1000, home: '/home/pi', groups: ['pi', 'spi'] });
  });
  it('returns null for an unknown user', () => {
    expect(findUser(passwd, group, 'nobody-here')).toBeNull();
  });
});
