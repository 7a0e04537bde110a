/** pytorch_model.bin as torch.save writes it (PyTorch ≥ 1.6): a STORED zip of data.pkl, byteorder and the storages. */
import { enc, f32le } from './bytes';
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
export function torchFile(tensors: Record<string, TorchTensor>, options: { prefix?: string } = {}): Uint8Array {
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
