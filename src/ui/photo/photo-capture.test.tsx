// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { languageStore } from '../i18n/language.ts';
import { PhotoCapture } from './photo-capture.tsx';
import type { PhotoDecoder } from './photo-shrink.ts';

afterEach(() => {
  cleanup();
  languageStore.getState().setLanguage('en');
});

const fake: PhotoDecoder = {
  decode: async () => ({ width: 4032, height: 3024, toJpeg: () => 'data:image/jpeg;base64,QUJD', release: () => undefined }),
};

function Harness({ decoder = fake }: { decoder?: PhotoDecoder }) {
  const [photo, setPhoto] = useState('');
  return (
    <>
      <PhotoCapture value={photo} onChange={setPhoto} locale="en-GB" decoder={decoder} />
      <output data-testid="value">{photo}</output>
    </>
  );
}

function pick(file: File) {
  const input = screen.getByTestId('photo-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

function file(name: string, type: string, size: number): File {
  const f = new File(['x'], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

describe('the photo field', () => {
  it('opens the rear camera through a plain file input', () => {
    render(<Harness />);
    const input = screen.getByTestId('photo-input');
    expect(input.getAttribute('type')).toBe('file');
    expect(input.getAttribute('accept')).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    expect(input.closest('label')?.textContent).toContain('Take photo');
  });

  it('a photo too large gets a clear message and is not kept', async () => {
    render(<Harness />);
    pick(file('IMG_9.jpg', 'image/jpeg', 20 * 1024 * 1024));
    const problem = await screen.findByTestId('photo-problem');
    expect(problem.getAttribute('role')).toBe('alert');
    expect(problem.textContent).toContain('This photo is too large (21 MB; at most 15 MB)');
    expect(screen.getByTestId('value').textContent).toBe('');
  });

  it('a file of the wrong type gets a clear message naming it', async () => {
    render(<Harness />);
    pick(file('manual.pdf', 'application/pdf', 1000));
    expect((await screen.findByTestId('photo-problem')).textContent).toContain('This file is not a photo Tierboard can use (application/pdf)');
    expect(screen.getByTestId('value').textContent).toBe('');
  });

  it('in German too', async () => {
    languageStore.getState().setLanguage('de');
    render(<Harness />);
    pick(file('clip.mov', 'video/quicktime', 1000));
    expect((await screen.findByTestId('photo-problem')).textContent).toContain('Diese Datei ist kein Foto');
  });

  it('a good photo is shrunk, shown and can be removed', async () => {
    render(<Harness />);
    pick(file('IMG_1.jpg', 'image/jpeg', 3_000_000));
    expect((await screen.findByTestId('photo-preview')).getAttribute('src')).toBe('data:image/jpeg;base64,QUJD');
    expect(screen.getByTestId('value').textContent).toBe('data:image/jpeg;base64,QUJD');
    expect(screen.getByText(/Photo added \(3 B\)/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('photo-remove'));
    await waitFor(() => expect(screen.queryByTestId('photo-preview')).toBeNull());
    expect(screen.getByTestId('value').textContent).toBe('');
  });

  it('a photo the tablet cannot read says so', async () => {
    render(<Harness decoder={{ decode: () => Promise.reject(new Error('no HEIC')) }} />);
    pick(file('IMG_2.HEIC', '', 2_000_000));
    expect((await screen.findByTestId('photo-problem')).textContent).toContain('could not be read on this tablet');
  });
});
