// The kernels' .wat sources assembled by wabt (a dev dependency), as the tests compare them with the emitters' bytes.
import wabtInit from 'wabt';

export async function assembleWat(name: string, text: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(name, text, { simd: true, relaxed_simd: true });
  try {
    module.resolveNames();
    module.validate();
    return module.toBinary({ canonicalize_lebs: true, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}
