import { AggregationWindow } from './aggregation-window';

describe('AggregationWindow', () => {
  let batches: string[][];
  let sut: AggregationWindow;

  beforeEach(() => {
    jest.useFakeTimers();
    batches = [];
    sut = new AggregationWindow(500, (batch) => batches.push(batch));
  });

  afterEach(() => {
    sut.dispose();
    jest.useRealTimers();
  });

  it('hands over nothing before the window closes', () => {
    sut.add('10.0.0.1');

    jest.advanceTimersByTime(499);

    expect(batches).toEqual([]);
    expect(sut.isOpen).toBe(true);
  });

  it('gathers every host marked during the window into one batch, once each', () => {
    sut.add('10.0.0.1');
    jest.advanceTimersByTime(200);
    sut.add('10.0.0.2');
    sut.add('10.0.0.1');

    jest.advanceTimersByTime(300);

    expect(batches).toEqual([['10.0.0.1', '10.0.0.2']]);
    expect(sut.isOpen).toBe(false);
  });

  it('times the window from the first pending host, not the last', () => {
    sut.add('10.0.0.1');
    jest.advanceTimersByTime(400);
    sut.add('10.0.0.2');

    jest.advanceTimersByTime(100);

    expect(batches).toHaveLength(1);
  });

  it('opens a new window for a host marked after the previous one closed', () => {
    sut.add('10.0.0.1');
    jest.advanceTimersByTime(500);
    sut.add('10.0.0.1');

    jest.advanceTimersByTime(500);

    expect(batches).toEqual([['10.0.0.1'], ['10.0.0.1']]);
  });

  it('leaves out a host removed while pending', () => {
    sut.add('10.0.0.1');
    sut.add('10.0.0.2');
    sut.remove('10.0.0.1');

    jest.advanceTimersByTime(500);

    expect(batches).toEqual([['10.0.0.2']]);
  });

  it('hands nothing over after being disposed', () => {
    sut.add('10.0.0.1');

    sut.dispose();
    jest.advanceTimersByTime(1000);

    expect(batches).toEqual([]);
  });
});
