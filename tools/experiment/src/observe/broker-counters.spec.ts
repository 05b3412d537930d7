import { parseSsPorts, sumMetric } from './broker-counters';

describe('parseSsPorts', () => {
  it('keeps the local ports of the given processes only', () => {
    const output = [
      '0      0      127.0.0.1:50030 127.0.0.1:5672 users:(("node",pid=10058,fd=21))',
      '0      0      127.0.0.1:50040 127.0.0.1:5672 users:(("node",pid=10057,fd=19))',
      '0      0      127.0.0.1:50054 127.0.0.1:5672 users:(("beam.smp",pid=999,fd=3))',
      '',
    ].join('\n');

    expect(parseSsPorts(output, [10058, 10057])).toEqual([50030, 50040]);
  });
});

describe('sumMetric', () => {
  it('sums a counter over all its labels, and nothing with a longer name', () => {
    const text = [
      '# HELP hms_messages_total Messages exchanged',
      '# TYPE hms_messages_total counter',
      'hms_messages_total{host="127.0.0.1",direction="in"} 12',
      'hms_messages_total{host="127.0.0.1",direction="out"} 5',
      'hms_messages_total_created 99',
    ].join('\n');

    expect(sumMetric(text, 'hms_messages_total')).toBe(17);
  });
});
