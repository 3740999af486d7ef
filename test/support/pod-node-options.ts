import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './child-service';

const MIB = { Mi: 1, Gi: 1024 } as const;

/**
 * The NODE_OPTIONS the service runs with in the chart's pod: the image's (Dockerfile), with
 * `--max-old-space-size-percentage` resolved as Node resolves it against the container's memory
 * limit (values.yaml), since on this machine it would take a share of the whole host's memory.
 */
export function podNodeOptions(): { nodeOptions: string; memoryLimitMib: number } {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const image = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1];
  if (image === undefined) throw new Error('Dockerfile: no NODE_OPTIONS="…" in its ENV');
  const values = parse(readFileSync(join(ROOT, 'helm/modelmgmtservice/values.yaml'), 'utf8')) as {
    modelmgmtservice: { resources: { limits: { memory: string } } };
  };
  const limit = /^(\d+)(Mi|Gi)$/.exec(values.modelmgmtservice.resources.limits.memory);
  if (!limit) throw new Error('values.yaml: modelmgmtservice.resources.limits.memory is not N Mi or Gi');
  const memoryLimitMib = Number(limit[1]) * MIB[limit[2] as keyof typeof MIB];
  const nodeOptions = image.replace(
    /--max-old-space-size-percentage=(\d+)/,
    (_, percentage: string) =>
      `--max-old-space-size=${Math.floor((memoryLimitMib * Number(percentage)) / 100)}`,
  );
  return { nodeOptions, memoryLimitMib };
}
