/** Every non-empty line must be a JSON object (the service's log format); returns them parsed. */
export function jsonLines(output) {
  return output
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`not a JSON log line: ${line.slice(0, 300)}`);
      }
    });
}
