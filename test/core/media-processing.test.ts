// Images are processed in a child process at a lower priority; the in-process processImage is the
// reference: both give the same bytes, sizes and blurhash, and both refuse the same broken file.
// Another server's picture is previewed there too (previewImage), upright and small.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createImageProcesses, ImageRefused, type ImageProcesses } from '../../src/core/media/image-processes.ts';
import { previewImage, processImage } from '../../src/core/media/process-image.ts';
import sharp from 'sharp';
import { jpegWithGps, png } from '../helpers/media-fixtures.ts';

describe('image processing in a child process', () => {
  let dir: string;
  let images: ImageProcesses;
  const limits = { maxInputPixels: 100_000_000, imageMaxPixels: 200_000 };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parley-images-'));
    images = createImageProcesses();
  });
  after(async () => {
    images.stop();
    await rm(dir, { recursive: true, force: true });
  });

  for (const [name, make] of [
    ['a photo with EXIF, scaled down', () => jpegWithGps(900, 600)],
    ['a transparent PNG', () => png(120, 80, true)],
  ] as const) {
    it(`agrees with the in-process reference on ${name}`, async () => {
      const file = path.join(dir, name.replace(/\W+/g, '-'));
      await writeFile(file, await make());
      const [here, there] = [`${file}-reference`, `${file}-isolated`];
      await Promise.all([mkdir(here), mkdir(there)]);
      const [reference, isolated] = await Promise.all([processImage(file, limits, here), images.process(file, limits, there)]);
      assert.deepEqual(isolated.meta, reference.meta);
      assert.equal(isolated.blurhash, reference.blurhash);
      assert.equal(isolated.file.ext, reference.file.ext);
      assert.ok(isolated.file.path.startsWith(there), 'written where it was asked');
      assert.ok((await readFile(isolated.file.path)).equals(await readFile(reference.file.path)), 'the same served bytes');
      assert.ok((await readFile(isolated.preview!.path)).equals(await readFile(reference.preview!.path)), 'the same preview bytes');
      assert.equal(isolated.file.key, reference.file.key, 'the same content address');
      assert.equal(isolated.file.size, (await readFile(isolated.file.path)).length);
    });
  }

  it('previews another server’s picture as the reference does: upright, small, without metadata', async () => {
    const file = path.join(dir, 'remote.jpg');
    await writeFile(file, await jpegWithGps(1200, 800));
    const [here, there] = [`${file}-reference`, `${file}-isolated`];
    await Promise.all([mkdir(here), mkdir(there)]);
    const [reference, isolated] = await Promise.all([previewImage(file, limits, here), images.preview(file, limits, there)]);
    assert.deepEqual(isolated.meta, reference.meta);
    assert.equal(isolated.blurhash, reference.blurhash);
    assert.equal(isolated.preview.key, reference.preview.key, 'the same preview bytes');
    // Stored rotated (orientation 6): the picture is 800 × 1200 upright.
    assert.deepEqual([reference.meta.original.width, reference.meta.original.height], [800, 1200]);
    const preview = await sharp(isolated.preview.path).metadata();
    assert.ok(preview.height > preview.width && preview.width * preview.height <= 230_400);
    assert.equal(preview.exif, undefined, 'no EXIF (no GPS position) in the preview');
  });

  it('refuses a truncated JPEG as the reference does, and keeps working after', async () => {
    const jpeg = await jpegWithGps(300, 200);
    const file = path.join(dir, 'cut.jpg');
    await writeFile(file, jpeg.subarray(0, jpeg.length >> 1));
    await assert.rejects(processImage(file, limits, dir));
    await assert.rejects(images.process(file, limits, dir), ImageRefused);
    const good = path.join(dir, 'good.png');
    await writeFile(good, await png(10, 10, false));
    assert.equal((await images.process(good, limits, dir)).file.ext, 'png');
  });
});
