import { readFile, readdir } from 'node:fs/promises';

import { runCommand } from './hosts-cli';

/**
 * What the simulated hosts may leave on the machine, read from the root
 * namespace: the test compares it before, during and after.
 */
const OUR_MARKERS = /hmsbr0|hms-vm|10\.21[345]\./;

/** iptables-save of the root namespace without counters and comments. */
export async function rootIptables(): Promise<string[]> {
  const saved = await runCommand('iptables-save', []);

  return saved
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/\[\d+:\d+\]/, '[]'));
}

/** Lines of the root namespace's iptables that name our bridge, hosts or subnets. */
export async function ourIptablesRules(): Promise<string[]> {
  return (await rootIptables()).filter((line) => OUR_MARKERS.test(line));
}

export async function ourNamespaces(): Promise<string[]> {
  const listed = await runCommand('ip', ['netns', 'list']);

  return listed
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => name.startsWith('hms-vm'))
    .sort();
}

export async function ourLinks(): Promise<string[]> {
  const links = await runCommand('ip', ['-o', 'link', 'show']);

  return links
    .split('\n')
    .map((line) => line.split(': ')[1]?.split('@')[0] ?? '')
    .filter((name) => name === 'hmsbr0' || name.startsWith('hms-vm'));
}

export async function ourRoutes(): Promise<string[]> {
  const routes = await runCommand('ip', ['route', 'show', 'table', 'all']);

  return routes.split('\n').filter((line) => OUR_MARKERS.test(line));
}

export async function ourMounts(): Promise<string[]> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');

  return mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((target) => /^\/(run\/hms|var\/lib\/hms|run\/netns\/hms-vm)/.test(target));
}

/** Processes (dockerd, containerd, shims) whose command line names a host's paths. */
export async function ourProcesses(): Promise<string[]> {
  const found: string[] = [];

  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes('/run/hms/hosts/')) {
      found.push(`${entry}: ${commandLine.replace(/\0/g, ' ').trim()}`);
    }
  }

  return found;
}
