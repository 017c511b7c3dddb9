import { BlockOutput, recordingIo, type Io } from '../../cli/io';

/** An Io that takes text, recording each write as it is made. */
function streamIo(): Io & { writes: string[]; errors: string[] } {
  const writes: string[] = [];
  const errors: string[] = [];
  return {
    writes,
    errors,
    out: () => {
      throw new Error('BlockOutput must write through write() when the Io has it');
    },
    err: (line) => errors.push(`${writes.join('')}|${line}`),
    write: (text) => writes.push(text),
  };
}

describe('BlockOutput', () => {
  test('holds short lines and writes them as one block on flush', () => {
    const io = streamIo();
    const output = new BlockOutput(io);
    output.out('a');
    output.out('b');
    expect(io.writes).toEqual([]);
    output.flush();
    expect(io.writes).toEqual(['a\nb\n']);
    output.flush();
    expect(io.writes).toEqual(['a\nb\n']);
  });

  test('writes a block once it holds 64 KiB', () => {
    const io = streamIo();
    const output = new BlockOutput(io);
    const line = 'x'.repeat(1023);
    for (let i = 0; i < 63; i++) output.out(line);
    expect(io.writes).toEqual([]);
    output.out(line);
    expect(io.writes).toEqual([`${line}\n`.repeat(64)]);
  });

  test('writes what it holds before a line to err, so the streams keep their order', () => {
    const io = streamIo();
    const output = new BlockOutput(io);
    output.out('verdict');
    output.err('problem');
    expect(io.errors).toEqual(['verdict\n|problem']);
  });

  test('writes a line that comes 50 ms after the last write at once', async () => {
    const io = streamIo();
    const output = new BlockOutput(io);
    await new Promise((resolve) => setTimeout(resolve, 60));
    output.out('late');
    expect(io.writes).toEqual(['late\n']);
  });

  test('passes each line to out when the Io takes no text (a recorder)', () => {
    const io = recordingIo();
    const output = new BlockOutput(io);
    output.out('a');
    output.err('e');
    output.out('b');
    output.flush();
    expect(io.stdout).toEqual(['a', 'b']);
    expect(io.stderr).toEqual(['e']);
  });
});
