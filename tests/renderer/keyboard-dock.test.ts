// The lent keyboard's hold on the document: only the keyboard shown hears a finger lift.
import { afterEach, describe, expect, it } from 'vitest';
import { borrowKeyboard, type LentKeyboard } from '../../renderer/keyboard/dock.ts';

const options = { layout: { default: ['a b c'] }, layoutName: 'default' };
const handlers = { onChange: () => undefined, onKeyPress: () => undefined };

describe('the keyboard dock', () => {
  const lent: LentKeyboard[] = [];
  const borrow = () => {
    const keyboard = borrowKeyboard(options, handlers);
    document.body.append(keyboard.element);
    lent.push(keyboard);
    return keyboard;
  };
  afterEach(() => {
    for (const keyboard of lent.splice(0)) keyboard.giveBack();
  });

  it('keeps the shown keys’ release when a second keyboard is built for a screen ahead', () => {
    const shown = borrow();
    shown.listen();
    const release = document.onpointerup;
    expect(release).not.toBeNull();
    // The parked one is out, so this builds another, whose first render claims the document.
    const ahead = borrow();
    expect(ahead.element).not.toBe(shown.element);
    expect(document.onpointerup).toBe(release);
    // Given back while the first is still shown: destroying it leaves the first's handlers.
    lent.pop()?.giveBack();
    shown.apply({ ...options, layout: { default: ['d e f'] } });
    expect(document.onpointerup).toBe(release);
  });

  it('hears nothing on the page once given back', () => {
    const shown = borrow();
    shown.listen();
    lent.pop()?.giveBack();
    expect(document.onpointerup).toBeNull();
    expect(document.ontouchend).toBeNull();
  });
});
