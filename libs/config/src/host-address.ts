import { networkInterfaces } from 'node:os';

/** Interfaces Docker and virtual links create; the host's own address is elsewhere. */
const VIRTUAL_INTERFACE = /^(docker|br-|veth|virbr|cni|flannel|hmsbr)/;

/**
 * The address other hosts know this one by: its first external IPv4. The
 * manager and the antagonist of a host default to it, so both name the host
 * alike.
 */
export function firstExternalIpv4(): string | undefined {
  const candidates = Object.entries(networkInterfaces())
    .sort(
      ([a], [b]) => Number(VIRTUAL_INTERFACE.test(a)) - Number(VIRTUAL_INTERFACE.test(b)),
    )
    .flatMap(([, addresses]) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal);

  return candidates[0]?.address;
}
