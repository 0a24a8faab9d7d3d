import { describe, expect, it } from 'vitest';
import { shouldBlockInput, type KeyInput } from '../../electron/main/policy/input.ts';

const key = (k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  alt: false,
  control: false,
  meta: false,
  shift: false,
  ...mods,
});

describe('kiosk key filter', () => {
  it.each([
    ['Alt+F4 (close the window)', key('F4', { alt: true })],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Ctrl+Q (quit)', key('q', { control: true })],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
    ['Ctrl+P (print)', key('p', { control: true })],
    ['Ctrl+N (new window)', key('n', { control: true })],
    ['Ctrl+T (new tab)', key('t', { control: true })],
    ['Ctrl+Shift+I (devtools)', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
    ['Ctrl+U (view source)', key('u', { control: true })],
    ['Ctrl+F (find bar)', key('f', { control: true })],
    ['F5 (reload)', key('F5')],
    ['F11 (leave fullscreen)', key('F11')],
    ['F12 (devtools)', key('F12')],
    ['F7 (caret browsing prompt)', key('F7')],
    ['Esc (leave kiosk fullscreen)', key('Escape')],
    ['Ctrl++ (zoom in)', key('+', { control: true, shift: true })],
    ['Ctrl+= (zoom in)', key('=', { control: true })],
    ['Ctrl+- (zoom out)', key('-', { control: true })],
    ['Ctrl+0 (reset zoom)', key('0', { control: true })],
    ['Ctrl+Tab (switch tab)', key('Tab', { control: true })],
    ['Alt+Left (history back)', key('ArrowLeft', { alt: true })],
    ['Alt+Right (history forward)', key('ArrowRight', { alt: true })],
    ['Alt+Home (home page)', key('Home', { alt: true })],
    ['Alt+Space (window menu)', key(' ', { alt: true })],
    ['the keyboard Back key', key('BrowserBack')],
    ['the keyboard Refresh key', key('BrowserRefresh')],
    ['the context-menu key', key('ContextMenu')],
  ])('blocks %s on Windows and Linux', (_name, input) => {
    expect(shouldBlockInput(input, 'win32')).toBe(true);
    expect(shouldBlockInput(input, 'linux')).toBe(true);
  });

  it.each([
    ['Cmd+Q (quit)', key('q', { meta: true })],
    ['Cmd+W (close)', key('w', { meta: true })],
    ['Cmd+R (reload)', key('r', { meta: true })],
    ['Cmd+H (hide)', key('h', { meta: true })],
    ['Cmd+M (minimise)', key('m', { meta: true })],
    ['Cmd+Option+I (devtools)', key('i', { meta: true, alt: true })],
    ['Ctrl+Cmd+F (leave fullscreen)', key('f', { meta: true, control: true })],
    ['Esc', key('Escape')],
  ])('blocks %s on macOS', (_name, input) => {
    expect(shouldBlockInput(input, 'darwin')).toBe(true);
  });

  it('does not block the keyUp of a blocked combination either', () => {
    expect(shouldBlockInput({ ...key('F5'), type: 'keyUp' }, 'linux')).toBe(true);
  });

  it.each([
    ['typing letters', key('a')],
    ['typing capitals', key('Q', { shift: true })],
    ['typing digits', key('7')],
    ['typing a space', key(' ')],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Tab between fields', key('Tab')],
    ['arrow keys', key('ArrowLeft')],
    ['accented letters', key('é')],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['Ctrl+V (paste)', key('v', { control: true })],
    ['Ctrl+X (cut)', key('x', { control: true })],
    ['Ctrl+A (select all)', key('a', { control: true })],
    ['Ctrl+Z (undo)', key('z', { control: true })],
    ['Ctrl+Shift+Z (redo)', key('Z', { control: true, shift: true })],
    ['Ctrl+Backspace (delete word)', key('Backspace', { control: true })],
    ['Ctrl+Left (word left)', key('ArrowLeft', { control: true })],
    ['pressing Shift alone', key('Shift', { shift: true })],
    ['pressing Ctrl alone', key('Control', { control: true })],
  ])('does not block %s', (_name, input) => {
    expect(shouldBlockInput(input, 'win32')).toBe(false);
  });

  it('lets AltGr type "@" and "€" on a German keyboard (Ctrl+Alt on Windows)', () => {
    expect(shouldBlockInput(key('@', { control: true, alt: true }), 'win32')).toBe(false);
    expect(shouldBlockInput(key('€', { control: true, alt: true }), 'win32')).toBe(false);
    expect(shouldBlockInput(key('{', { control: true, alt: true }), 'linux')).toBe(false);
  });

  it('still blocks Ctrl+Alt+letter shortcuts that are not AltGr text', () => {
    expect(shouldBlockInput(key('r', { control: true, alt: true }), 'win32')).toBe(true);
  });

  it('lets Option type special characters on macOS', () => {
    expect(shouldBlockInput(key('å', { alt: true }), 'darwin')).toBe(false);
    expect(shouldBlockInput(key('@', { alt: true }), 'darwin')).toBe(false);
  });
});
