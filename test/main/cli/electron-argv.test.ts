import { describe, expect, it } from 'vitest';
import { cliCommandIn, userArgs, windowRefusal } from '../../../src/main/cli/electron-argv';

describe('userArgs()', () => {
  it('drops the executable when packaged and the app dir under `electron .`, and Chromium switches', () => {
    expect(userArgs(['/opt/CorcyPower/corcy-power', '--ozone-platform=headless', 'serve', '--port', '0'], true)).toEqual(['serve', '--port', '0']);
    expect(userArgs(['electron', '.', '--windowed', '--no-sandbox'], false)).toEqual(['--windowed']);
  });
});

describe('cliCommandIn()', () => {
  it('finds a command name first, else the kiosk', () => {
    expect(cliCommandIn(['serve', '--port', '0'], ['serve', 'install-kiosk'])).toBe('serve');
    expect(cliCommandIn(['--help'], ['serve'])).toBe('--help');
    expect(cliCommandIn(['--windowed'], ['serve'])).toBeNull();
    expect(cliCommandIn([], ['serve'])).toBeNull();
  });
});

describe('windowRefusal()', () => {
  it('refuses the kiosk window with --no-sandbox, which only install-kiosk as root may use', () => {
    expect(windowRefusal(['/opt/CorcyPower/corcy-power', '--no-sandbox'])).toMatch(/never runs with --no-sandbox/);
    expect(windowRefusal(['/opt/CorcyPower/corcy-power', '--ozone-platform=wayland'])).toBeNull();
  });
});
