// The flow store on its own: the rules that are awkward to reach through the screen.
import { describe, expect, it } from 'vitest';
import { painted } from '../../renderer/after-paint.ts';
import { createFlowStore } from '../../renderer/state/flow.ts';
import { exampleConfig } from './support/config.ts';
import { createFakeBridge } from './support/fake-bridge.ts';

// Writes leave after the frame that shows the next screen, then their replies settle.
const settle = () => painted().then(() => new Promise((r) => setTimeout(r, 0)));

function setup(fake = createFakeBridge()) {
  const config = exampleConfig();
  const store = createFlowStore({
    client: fake.client,
    survey: config.survey,
    defaultLanguage: 'en',
    report: () => undefined,
  });
  return { ...fake, store, flow: () => store.getState() };
}

describe('the flow store', () => {
  it('starts one answer however often the first face is tapped', async () => {
    const { flow, calls } = setup();
    flow().chooseSmiley(5);
    flow().chooseSmiley(1);
    await settle();
    expect(calls.filter(([c]) => c === 'startAnswer')).toEqual([
      ['startAnswer', { smiley: 5, language: 'en' }],
    ]);
    expect(flow().draft.smiley).toBe(5);
  });

  it('never lets the finish overtake a slow update', async () => {
    let release: () => void = () => undefined;
    const order: string[] = [];
    const fake = createFakeBridge({
      updateAnswer: () =>
        new Promise((resolve) => {
          release = () => {
            order.push('update done');
            resolve({ durable: true, alertRaised: false });
          };
        }),
      finishAnswer: async () => {
        order.push('finish');
        return { durable: true };
      },
    });
    const { flow } = setup(fake);
    flow().chooseSmiley(4);
    flow().confirmReasons();
    flow().chooseNps(10);
    flow().timeOut();
    await settle();
    expect(order).toEqual([]);
    release();
    await settle();
    expect(order).toEqual(['update done', 'finish']);
  });

  it('asks unhappy customers for a callback and skips it for happy ones', () => {
    const happy = setup();
    happy.flow().chooseSmiley(5);
    happy.flow().confirmReasons();
    happy.flow().chooseNps(9);
    happy.flow().chooseCes(7);
    happy.flow().submitComment('');
    expect(happy.flow().screen).toBe('thanks');

    const unhappy = setup();
    unhappy.flow().chooseSmiley(5);
    unhappy.flow().confirmReasons();
    unhappy.flow().chooseNps(3); // a low NPS makes a happy face unhappy after all
    unhappy.flow().chooseCes(7);
    unhappy.flow().submitComment('');
    expect(unhappy.flow().screen).toBe('contact');
  });

  it('does not report help for the previous customer to the next one', async () => {
    let answer: () => void = () => undefined;
    const fake = createFakeBridge({
      requestHelp: () =>
        new Promise((resolve) => {
          answer = () => resolve({ durable: true, alertRaised: true });
        }),
    });
    const { flow } = setup(fake);
    flow().chooseSmiley(1);
    await settle();
    flow().talkNow();
    expect(flow().help).toBe('calling');
    flow().timeOut();
    answer();
    await settle();
    expect(flow().help).toBe('none');
  });
});

describe('talking to someone', () => {
  it('promises help only when the host says the staff alert was raised', async () => {
    const fake = createFakeBridge({
      requestHelp: async () => ({ durable: true, alertRaised: false }),
    });
    const { flow } = setup(fake);
    flow().chooseSmiley(1);
    flow().talkNow();
    await settle();
    await settle();
    expect(flow().help).toBe('failed');
  });
});
