import { LOSS_RULE_COMMENT, lossRuleSpec, taggedRuleDeletions } from './iptables-loss';
import { hasOwnNetem, interfaceNames, NETEM_HANDLE } from './netem-loss';

describe('iptables loss rules', () => {
  it('drops ICMP with the loss as a probability, tagged with our comment', () => {
    const spec = lossRuleSpec(35);

    expect(spec.join(' ')).toBe(
      'INPUT -p icmp -m statistic --mode random --probability 0.3500 ' +
        `-m comment --comment ${LOSS_RULE_COMMENT} -j DROP`,
    );
  });

  it('turns only our tagged rules of the listing into deletions', () => {
    const listing = [
      '-P INPUT ACCEPT',
      '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
      '-A INPUT -p icmp -m statistic --mode random --probability 0.50000000000 -m comment --comment hms-antagonist -j DROP',
      '-A INPUT -p icmp -m comment --comment hms-antagonist-other -j DROP',
      '-A OUTPUT -m comment --comment hms-antagonist -j DROP',
      '',
    ].join('\n');

    const deletions = taggedRuleDeletions(listing);

    expect(deletions).toEqual([
      [
        '-D',
        'INPUT',
        ...[
          '-p',
          'icmp',
          '-m',
          'statistic',
          '--mode',
          'random',
          '--probability',
          '0.50000000000',
        ],
        ...['-m', 'comment', '--comment', 'hms-antagonist', '-j', 'DROP'],
      ],
    ]);
  });

  it('finds nothing to delete in a clean namespace', () => {
    expect(taggedRuleDeletions('-P INPUT ACCEPT\n')).toEqual([]);
  });
});

describe('netem qdiscs', () => {
  it('lists the interfaces of a container except loopback', () => {
    const output = [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN',
      '14: eth0@if15: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP',
      '16: eth1@if17: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP',
    ].join('\n');

    expect(interfaceNames(output)).toEqual(['eth0', 'eth1']);
  });

  it('recognises our root netem by its handle, and nothing else', () => {
    expect(
      hasOwnNetem(`qdisc netem ${NETEM_HANDLE} root refcnt 2 limit 1000 loss 80%\n`),
    ).toBe(true);
    expect(hasOwnNetem('qdisc netem 8001: root refcnt 2 limit 1000 loss 80%\n')).toBe(
      false,
    );
    expect(hasOwnNetem('qdisc noqueue 0: root refcnt 2\n')).toBe(false);
  });
});
