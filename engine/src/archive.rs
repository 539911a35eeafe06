//! Zip adapter over a [`Bundle`]: built in memory, deterministic (fixed timestamps, sorted
//! entries), shell scripts with mode 0755. Works on wasm32.
//!
//! A minimal writer of the zip format (APPNOTE 6.3: local headers, central directory, end
//! record; deflate from miniz_oxide, CRC-32 from a 1 KB table built at compile time) instead of
//! the zip crate: a bundle is a dozen small text files, and the crate's code and its 16 KB
//! CRC tables were a tenth of the page. The tests read the archives back with the zip crate
//! and with node's zlib.

use crate::bundle::Bundle;

/// Deflate level: 6 is zlib's default balance; the files are small.
const LEVEL: u8 = 6;
/// 1980-01-01 00:00 in MS-DOS date format (the earliest date zip can hold): fixed, so the
/// bytes never depend on the clock.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// General purpose flag bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
/// Version needed to extract: 2.0 (deflate). Made by: Unix (3), so the mode bits count.
const VERSION_NEEDED: u16 = 20;
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
const DEFLATE: u16 = 8;

pub fn zip_bundle(bundle: &Bundle) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    // BTreeMap iteration is already sorted by path.
    for (path, file) in &bundle.files {
        let data = file.text.as_bytes();
        let compressed = miniz_oxide::deflate::compress_to_vec(data, LEVEL);
        let size = |n: usize| u32::try_from(n).map_err(|_| format!("zip {path}: too large"));
        let (crc, raw_size, packed_size) =
            (crc32(data), size(data.len())?, size(compressed.len())?);
        let name = path.as_bytes();
        let name_len =
            u16::try_from(name.len()).map_err(|_| format!("zip {path}: name too long"))?;
        let offset = size(out.len())?;
        let mode: u32 = if file.executable { 0o100755 } else { 0o100644 };

        put32(&mut out, 0x0403_4b50);
        for v in [VERSION_NEEDED, UTF8_NAMES, DEFLATE, DOS_TIME, DOS_DATE] {
            put16(&mut out, v);
        }
        for v in [crc, packed_size, raw_size] {
            put32(&mut out, v);
        }
        put16(&mut out, name_len);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(&compressed);

        put32(&mut central, 0x0201_4b50);
        for v in [
            VERSION_MADE_BY,
            VERSION_NEEDED,
            UTF8_NAMES,
            DEFLATE,
            DOS_TIME,
            DOS_DATE,
        ] {
            put16(&mut central, v);
        }
        for v in [crc, packed_size, raw_size] {
            put32(&mut central, v);
        }
        // name, extra and comment lengths, disk number, internal attributes
        for v in [name_len, 0, 0, 0, 0] {
            put16(&mut central, v);
        }
        put32(&mut central, mode << 16); // external attributes: the Unix mode
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let entries = u16::try_from(bundle.files.len()).map_err(|_| "zip: too many files")?;
    let central_offset = u32::try_from(out.len()).map_err(|_| "zip: too large")?;
    let central_size = u32::try_from(central.len()).map_err(|_| "zip: too large")?;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    for v in [0, 0, entries, entries] {
        put16(&mut out, v);
    }
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment length
    Ok(out)
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as zip requires.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !data.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn crc32_check_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }
}
