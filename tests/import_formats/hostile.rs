//! Hostile and odd files for the import readers: OLE headers, random bytes, damage, a zip bomb,
//! all written byte by byte.

use crate::common::documents::{CONTENT_TYPES, PACKAGE_RELS};

/// An OLE compound file: an old .doc, or (with the stream names Office encryption writes) an
/// encrypted .docx.
pub fn ole(encrypted: bool) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    let stream = if encrypted {
        "EncryptionInfo"
    } else {
        "WordDocument"
    };
    bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    bytes
}

pub fn random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// Overwrites a few bytes at places chosen by `seed`.
pub fn scramble(bytes: &mut [u8], seed: u64) {
    let noise = random_bytes(16, seed + 1);
    for pair in noise.chunks(2) {
        let at = (usize::from(pair[0]) * 257 + usize::from(pair[1]) * 31 + seed as usize * 97)
            % bytes.len();
        bytes[at] ^= pair[1] | 1;
    }
}

/// A docx whose document.xml is a deflate stream of 100 MiB of spaces in well under 1 MiB: a
/// zip bomb, written by hand (fixed Huffman codes repeating "copy 258 bytes from 1 back").
pub fn zip_bomb() -> Vec<u8> {
    let mut bits: Vec<bool> = Vec::new();
    let mut push = |value: u32, count: u32, reversed: bool| {
        for i in 0..count {
            let bit = if reversed {
                (value >> (count - 1 - i)) & 1
            } else {
                (value >> i) & 1
            };
            bits.push(bit == 1);
        }
    };
    push(1, 1, false); // last block
    push(1, 2, false); // fixed Huffman codes
    push(0x30 + u32::from(b' '), 8, true); // the literal ' '
    let copies = 100 * 1024 * 1024 / 258;
    for _ in 0..copies {
        push(0b1100_0101, 8, true); // length 258
        push(0, 5, true); // distance 1
    }
    push(0, 7, true); // end of block
    let deflated: Vec<u8> = bits
        .chunks(8)
        .map(|c| {
            c.iter()
                .enumerate()
                .fold(0u8, |a, (i, &b)| a | (u8::from(b) << i))
        })
        .collect();
    let size = (copies * 258 + 1) as u32;
    let entries: Vec<(&str, Vec<u8>, u16, u32)> = vec![
        (
            "[Content_Types].xml",
            CONTENT_TYPES.into(),
            0,
            CONTENT_TYPES.len() as u32,
        ),
        (
            "_rels/.rels",
            PACKAGE_RELS.into(),
            0,
            PACKAGE_RELS.len() as u32,
        ),
        ("word/document.xml", deflated, 8, size),
    ];
    raw_zip(&entries)
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive written field by field: (name, stored data, method, declared size).
fn raw_zip(entries: &[(&str, Vec<u8>, u16, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, method, size) in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend([0u8; 4]); // time and date
                                // The bomb's checksum is never reached: the reader stops long before its end.
            h.extend(if *method == 0 { crc32(data) } else { 0 }.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |a, (i, &b)| a | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
