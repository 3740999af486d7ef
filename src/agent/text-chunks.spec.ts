import { textChunks } from './text-chunks';

describe('textChunks', () => {
  it('splits at word boundaries into pieces that join back to the text', () => {
    const text = '1 model is registered: qoe-predictor version 1.  Ask me to show it.\n';
    const chunks = textChunks(text);
    expect(chunks.join('')).toBe(text);
    expect(chunks).toEqual(['1 model is registered: ', 'qoe-predictor version ', '1.  Ask me to show it.\n']);
  });

  it('keeps a long word whole and gives nothing for an empty text', () => {
    expect(textChunks('x'.repeat(40))).toEqual(['x'.repeat(40)]);
    expect(textChunks('')).toEqual([]);
    expect(textChunks('   ')).toEqual(['   ']);
  });
});
