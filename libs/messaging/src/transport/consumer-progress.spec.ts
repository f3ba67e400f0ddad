import { ConsumerProgress } from './consumer-progress';

describe('ConsumerProgress', () => {
  let now = 0;
  const progress = () => new ConsumerProgress(() => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('counts a group that never fetched from when it began to join', () => {
    const p = progress();
    p.joining('g');
    now += 59_000;
    expect(p.stalled(60_000)).toEqual([]);
    now += 2_000;
    expect(p.stalled(60_000)).toEqual(['consumer group g has fetched nothing for 61 s (joining)']);
  });

  it('a fetch resets the wait; a group that stops fetching is stalled once the limit passes', () => {
    const p = progress();
    p.joining('g');
    p.joined('g');
    now += 50_000;
    p.fetched('g');
    now += 50_000;
    expect(p.stalled(60_000)).toEqual([]);
    now += 20_000;
    expect(p.stalled(60_000)).toEqual(['consumer group g has fetched nothing for 70 s (fetching)']);
  });

  it('a crash starts the wait again, says why, and a group stopped on purpose is not stalled', () => {
    const p = progress();
    p.joining('a');
    p.joining('b');
    now += 30_000;
    p.joining('a', 'joining again after a crash (Invalid array length)');
    p.forget('b');
    now += 61_000;
    expect(p.stalled(60_000)).toEqual(['consumer group a has fetched nothing for 61 s (joining again after a crash (Invalid array length))']);
  });
});
