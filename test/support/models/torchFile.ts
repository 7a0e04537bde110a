/** pytorch_model.bin as torch.save writes it (PyTorch ≥ 1.6): a STORED zip of data.pkl, byteorder and the storages. */
import { bytesOf, enc, f32le, u16 } from './bytes';
import { statePickle } from './pickleWriter';
import { zip, type ZipInput } from './zipWriter';

/** torch.save's archive: data.pkl, byteorder, the storages, version (the order PyTorchStreamWriter writes). */
export function torchArchive(pickle: Uint8Array, storages: Record<string, Uint8Array>, options: { prefix?: string; byteorder?: string | null; zip64?: boolean } = {}): Uint8Array {
  const prefix = options.prefix ?? 'archive';
  const entries: ZipInput[] = [{ name: `${prefix}/data.pkl`, data: pickle }];
  if (options.byteorder !== null) entries.push({ name: `${prefix}/byteorder`, data: enc.encode(options.byteorder ?? 'little') });
  for (const [key, data] of Object.entries(storages)) entries.push({ name: `${prefix}/data/${key}`, data });
  entries.push({ name: `${prefix}/version`, data: enc.encode('3\n') }, { name: `${prefix}/.data/serialization_id`, data: enc.encode('1234567890') });
  return zip(entries, { zip64: options.zip64 });
}

/** A tensor of a .bin: float32 values, or the raw little-endian bytes of another storage type. */
export type TorchTensor =
  | { readonly shape: readonly number[]; readonly data: ArrayLike<number> }
  | { readonly shape: readonly number[]; readonly storageType: string; readonly bytes: Uint8Array; readonly numel: number };

/** The .bin of these tensors (one storage each) under their names, in this order. */
export function torchFile(tensors: Record<string, TorchTensor>, options: { prefix?: string; zip64?: boolean } = {}): Uint8Array {
  const entries = Object.entries(tensors);
  const pickle = statePickle(entries.map(([name, t], i) => ({
    name,
    key: String(i),
    size: t.shape,
    ...('bytes' in t ? { numel: t.numel, storageType: t.storageType } : { numel: t.data.length }),
  })));
  const storages = Object.fromEntries(entries.map(([, t], i) => [String(i), 'bytes' in t ? t.bytes : f32le(t.data)]));
  return torchArchive(pickle, storages, options);
}

/**
 * A .bin of what a state dict holds besides plain float32 tensors: a half and a bfloat16 storage
 * (1, −2⁻²⁴ and 1, Infinity), a parameter, and four views of storage "2" = [0 … 11]: rows 1–2 of
 * a 4 × 3 matrix, its transpose (stride (1, 3)), a scalar (11) and an empty tensor.
 */
export function viewsTorchFile(): Uint8Array {
  const pickle = statePickle([
    { name: 'half', storageType: 'HalfStorage', key: '0', numel: 2, size: [2] },
    { name: 'brain', storageType: 'BFloat16Storage', key: '1', numel: 2, size: [1, 2], parameter: true },
    { name: 'rows', key: '2', numel: 12, offset: 3, size: [2, 3] },
    { name: 'transposed', key: '2', numel: 12, size: [3, 4], stride: [1, 3] },
    { name: 'scalar', key: '2', numel: 12, offset: 11, size: [] },
    { name: 'empty', key: '2', numel: 12, size: [0, 3] },
  ]);
  return torchArchive(pickle, { 0: bytesOf(u16(0x3c00), u16(0x8001)), 1: bytesOf(u16(0x3f80), u16(0x7f80)), 2: f32le([...Array(12).keys()]) });
}
