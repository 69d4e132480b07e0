/**
 * The standard models Attune offers to download, from the host whisper.cpp's
 * models/download-ggml-model.sh names (huggingface.co/ggerganov/whisper.cpp). SHA-1 values are the ones
 * whisper.cpp publishes in models/README.md; SHA-256 values and byte sizes are the Hugging Face LFS
 * metadata of the same files. Both hashes are checked after a download.
 */
export interface CatalogueModel {
  name: string;
  fileName: string;
  url: string;
  sizeBytes: number;
  sha1: string;
  sha256: string;
  multilingual: boolean;
  kind: 'whisper' | 'vad';
}

export const MODEL_HOST = 'huggingface.co';
const WHISPER = `https://${MODEL_HOST}/ggerganov/whisper.cpp/resolve/main`;
const VAD = `https://${MODEL_HOST}/ggml-org/whisper-vad/resolve/main`;

const whisper = (name: string, sizeBytes: number, sha1: string, sha256: string): CatalogueModel => ({
  name,
  fileName: `ggml-${name}.bin`,
  url: `${WHISPER}/ggml-${name}.bin`,
  sizeBytes,
  sha1,
  sha256,
  multilingual: !name.endsWith('.en'),
  kind: 'whisper',
});

export const CATALOGUE: readonly CatalogueModel[] = [
  whisper('tiny.en', 77_704_715, 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df', '921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f'),
  whisper('base.en', 147_964_211, '137c40403d78fd54d454da0f9bd998f78703390c', 'a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002'),
  whisper('small.en', 487_614_201, 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022', 'c6138d6d58ecc8322097e0f987c32f1be8bb0a18532a3f88f734d1bbf9c41e5d'),
  whisper('tiny', 77_691_713, 'bd577a113a864445d4c299885e0cb97d4ba92b5f', 'be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21'),
  whisper('base', 147_951_465, '465707469ff3a37a2b9b8d8f89f2f99de7299dac', '60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe'),
  whisper('small', 487_601_967, '55356645c2b361a969dfd0ef2c5a50d530afd8d5', '1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b'),
  {
    name: 'silero-v6.2.0',
    fileName: 'ggml-silero-v6.2.0.bin',
    url: `${VAD}/ggml-silero-v6.2.0.bin`,
    sizeBytes: 885_098,
    sha1: '',
    sha256: '2aa269b785eeb53a82983a20501ddf7c1d9c48e33ab63a41391ac6c9f7fb6987',
    multilingual: true,
    kind: 'vad',
  },
];
