//! The ZIP format, as much as the gallery's export and import need: a writer
//! of stored (uncompressed) entries and a reader of the central directory
//! (APPNOTE 6.3.10, without ZIP64, encryption or multiple disks).
//!
//! Written by hand, not with the `zip` crate: that crate brought 45 KB of
//! gzipped wasm to the playground (its readers, writers, ZIP64 and its
//! `std::io` errors), for archives whose images are stored as they are
//! anyway. This module is plain bytes in and out; `archive.rs` joins the
//! pieces into a `Blob` without copying the images into wasm memory.

use std::fmt;

use crate::i18n::{Language, Words};

/// The size of a local file header before its name.
pub const LOCAL_HEADER_LEN: usize = 30;
/// The end of central directory record's size without its comment.
const END_LEN: usize = 22;
/// The most a reader needs from the end of a file to find the central
/// directory: the end record and the longest comment.
pub const TAIL_LEN: usize = END_LEN + u16::MAX as usize;

const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const END_SIGNATURE: u32 = 0x0605_4b50;
/// General purpose flag 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;
/// General purpose flag 0: the entry is encrypted.
const ENCRYPTED: u16 = 1;
/// "Version needed to extract": 2.0, what stored and deflated entries need.
const VERSION: u16 = 20;
/// "Version made by": Unix (3), spec 2.0, so that readers take the file mode.
const MADE_BY: u16 = (3 << 8) | VERSION;
/// Unix file mode `-rw-r--r--`, in the high half of the external attributes.
const FILE_MODE: u32 = 0o100_644 << 16;
/// The biggest size or offset a ZIP without ZIP64 can hold.
const LIMIT: u64 = u32::MAX as u64;

/// Why a ZIP could not be written or read. The gallery says it in the
/// language in use ([`Error::say`]); `Display` says it in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The archive would pass 4 GiB or 65,535 entries, which need ZIP64.
    TooBig,
    /// The file has no end of central directory record.
    NotZip,
    /// The archive spans several disks.
    SplitOverDisks,
    /// The archive needs ZIP64.
    NeedsZip64,
    /// The central directory would end past the end of the file.
    CutShort,
    /// The central directory is damaged.
    DirectoryDamaged,
    /// This member is encrypted.
    Encrypted(String),
    /// This member is compressed with this method, neither stored nor deflated.
    Method(String, u16),
    /// This member needs ZIP64.
    MemberNeedsZip64(String),
    /// This member's local header is damaged.
    LocalHeaderDamaged(String),
}

impl Error {
    /// The reason in `words`.
    pub fn say(&self, words: &Words) -> String {
        match self {
            Error::TooBig => words.zip_too_big.to_owned(),
            Error::NotZip => words.zip_not_zip.to_owned(),
            Error::SplitOverDisks => words.zip_split_over_disks.to_owned(),
            Error::NeedsZip64 => words.zip_needs_zip64.to_owned(),
            Error::CutShort => words.zip_cut_short.to_owned(),
            Error::DirectoryDamaged => words.zip_directory_damaged.to_owned(),
            Error::Encrypted(name) => (words.zip_encrypted)(name),
            Error::Method(name, method) => (words.zip_method)(name, *method),
            Error::MemberNeedsZip64(name) => (words.zip_member_needs_zip64)(name),
            Error::LocalHeaderDamaged(name) => (words.zip_local_header_damaged)(name),
        }
    }
}

/// In English.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Language::English.words()))
    }
}

/// How an entry's bytes are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// As they are (0).
    Stored,
    /// Raw deflate (8), which browsers decompress with `DecompressionStream`.
    Deflated,
}

/// A date and time as ZIP keeps them (MS-DOS format, local time, 2-second steps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DosTime {
    time: u16,
    date: u16,
}

impl DosTime {
    /// 1980-01-01 00:00, the earliest a ZIP can say.
    pub const EARLIEST: DosTime = DosTime { time: 0, date: (1 << 5) | 1 };

    /// A calendar date and time; outside 1980–2107, or not a date, the earliest.
    pub fn new(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> DosTime {
        let valid = (1980..=2107).contains(&year)
            && (1..=12).contains(&month)
            && (1..=31).contains(&day)
            && hour < 24
            && minute < 60
            && second < 60;
        if !valid {
            return DosTime::EARLIEST;
        }
        DosTime {
            time: ((hour << 11) | (minute << 5) | (second / 2)) as u16,
            date: (((year - 1980) << 9) | (month << 5) | day) as u16,
        }
    }
}

/// One entry as the writer records it for the central directory.
struct Written {
    name: String,
    crc: u32,
    size: u32,
    offset: u32,
    modified: DosTime,
}

/// Writes a ZIP of stored entries piece by piece: for each entry its
/// [`header`](Writer::header), to be followed by its bytes, then the
/// [`end`](Writer::end). The caller joins the pieces in order.
#[derive(Default)]
pub struct Writer {
    entries: Vec<Written>,
    /// The bytes written so far, headers and data.
    offset: u64,
}

impl Writer {
    /// The local header of the next entry, whose `size` bytes (with CRC-32
    /// `crc`) come right after it. Fails when the archive would pass 4 GiB or
    /// 65,535 entries, which need ZIP64.
    pub fn header(&mut self, name: &str, crc: u32, size: u64, modified: DosTime) -> Result<Vec<u8>, Error> {
        let end = self.offset + (LOCAL_HEADER_LEN + name.len()) as u64 + size;
        if end > LIMIT || self.entries.len() >= u16::MAX as usize {
            return Err(Error::TooBig);
        }
        let written = Written { name: name.into(), crc, size: size as u32, offset: self.offset as u32, modified };
        let mut header = Vec::with_capacity(LOCAL_HEADER_LEN + name.len());
        put32(&mut header, LOCAL_SIGNATURE);
        put16(&mut header, VERSION);
        written.describe(&mut header);
        put16(&mut header, 0); // extra field length
        header.extend_from_slice(name.as_bytes());
        self.offset = end;
        self.entries.push(written);
        Ok(header)
    }

    /// The central directory and its end record, which close the archive.
    pub fn end(self) -> Vec<u8> {
        let mut directory = Vec::new();
        for entry in &self.entries {
            put32(&mut directory, CENTRAL_SIGNATURE);
            put16(&mut directory, MADE_BY);
            put16(&mut directory, VERSION);
            entry.describe(&mut directory);
            for _ in 0..3 {
                put16(&mut directory, 0); // extra field and comment lengths, disk number
            }
            put16(&mut directory, 0); // internal attributes
            put32(&mut directory, FILE_MODE);
            put32(&mut directory, entry.offset);
            directory.extend_from_slice(entry.name.as_bytes());
        }
        let (count, size) = (self.entries.len() as u16, directory.len() as u32);
        put32(&mut directory, END_SIGNATURE);
        put32(&mut directory, 0); // this disk, and the directory's disk
        put16(&mut directory, count);
        put16(&mut directory, count);
        put32(&mut directory, size);
        put32(&mut directory, self.offset as u32);
        put16(&mut directory, 0); // comment length
        directory
    }
}

impl Written {
    /// The fields local and central headers share, from the flags to the extra field's length.
    fn describe(&self, out: &mut Vec<u8>) {
        put16(out, UTF8_NAME);
        put16(out, 0); // stored
        put16(out, self.modified.time);
        put16(out, self.modified.date);
        put32(out, self.crc);
        put32(out, self.size);
        put32(out, self.size);
        put16(out, self.name.len() as u16);
    }
}

/// Where the central directory is, from a ZIP's last [`TAIL_LEN`] bytes (or all of it, if shorter).
#[derive(Debug, PartialEq, Eq)]
pub struct Directory {
    /// Its offset from the start of the file.
    pub offset: u64,
    /// Its length in bytes.
    pub size: u64,
}

/// One file in a ZIP, as its central directory describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Its path in the archive.
    pub name: String,
    /// How it is kept.
    pub method: Method,
    /// Its CRC-32.
    pub crc: u32,
    /// Its length as kept.
    pub compressed_size: u64,
    /// Its length once read.
    pub size: u64,
    /// Where its local header starts.
    pub header_offset: u64,
}

/// Finds the end record in `tail`, the last bytes of a file of `file_len` bytes.
pub fn find_directory(tail: &[u8], file_len: u64) -> Result<Directory, Error> {
    let start = (0..=tail.len().checked_sub(END_LEN).ok_or(Error::NotZip)?)
        .rev()
        .find(|&at| read32(tail, at) == END_SIGNATURE && at + END_LEN + read16(tail, at + 20) as usize == tail.len())
        .ok_or(Error::NotZip)?;
    let record = &tail[start..];
    if read16(record, 4) != 0 || read16(record, 6) != 0 {
        return Err(Error::SplitOverDisks);
    }
    let (size, offset) = (u64::from(read32(record, 12)), u64::from(read32(record, 16)));
    if size == LIMIT || offset == LIMIT || read16(record, 10) == u16::MAX {
        return Err(Error::NeedsZip64);
    }
    if offset + size > file_len {
        return Err(Error::CutShort);
    }
    Ok(Directory { offset, size })
}

/// The members listed in a central directory.
pub fn members(directory: &[u8]) -> Result<Vec<Member>, Error> {
    let mut members = Vec::new();
    let mut at = 0;
    while at < directory.len() {
        if directory.len() < at + 46 || read32(directory, at) != CENTRAL_SIGNATURE {
            return Err(Error::DirectoryDamaged);
        }
        let lengths = [28, 30, 32].map(|field| read16(directory, at + field) as usize);
        let name_end = at + 46 + lengths[0];
        let name = directory.get(at + 46..name_end).ok_or(Error::DirectoryDamaged)?;
        let name = String::from_utf8_lossy(name).into_owned();
        let flags = read16(directory, at + 8);
        if flags & ENCRYPTED != 0 {
            return Err(Error::Encrypted(name));
        }
        let method = match read16(directory, at + 10) {
            0 => Method::Stored,
            8 => Method::Deflated,
            other => return Err(Error::Method(name, other)),
        };
        let field = |offset| u64::from(read32(directory, at + offset));
        let (compressed_size, size, header_offset) = (field(20), field(24), field(42));
        if [compressed_size, size, header_offset].contains(&LIMIT) {
            return Err(Error::MemberNeedsZip64(name));
        }
        members.push(Member { name, method, crc: read32(directory, at + 16), compressed_size, size, header_offset });
        at = name_end + lengths[1] + lengths[2];
    }
    Ok(members)
}

/// Where a member's bytes start, given the first [`LOCAL_HEADER_LEN`] bytes at its header offset.
pub fn data_offset(member: &Member, local_header: &[u8]) -> Result<u64, Error> {
    if local_header.len() < LOCAL_HEADER_LEN || read32(local_header, 0) != LOCAL_SIGNATURE {
        return Err(Error::LocalHeaderDamaged(member.name.clone()));
    }
    let lengths = u64::from(read16(local_header, 26)) + u64::from(read16(local_header, 28));
    Ok(member.header_offset + LOCAL_HEADER_LEN as u64 + lengths)
}

/// The CRC-32 (ISO-HDLC, as ZIP and PNG use it) of `bytes`, continued from `crc` (0 to start).
pub fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!crc, |crc, &byte| CRC_TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8))
}

/// The byte-at-a-time CRC-32 table, built at compile time (1 KB; `crc32fast`'s
/// faster tables are 16 KB of wasm, and a CRC is not the export's bottleneck).
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut crc = index as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 { 0xedb8_8320 ^ (crc >> 1) } else { crc >> 1 };
            bit += 1;
        }
        table[index] = crc;
        index += 1;
    }
    table
};

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn read16(bytes: &[u8], at: usize) -> u16 {
    bytes.get(at..at + 2).map_or(0, |pair| u16::from_le_bytes([pair[0], pair[1]]))
}

fn read32(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).map_or(0, |four| u32::from_le_bytes([four[0], four[1], four[2], four[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole ZIP from the writer, with `files` stored.
    fn written(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = Writer::default();
        let mut zip = Vec::new();
        let modified = DosTime::new(2026, 11, 30, 21, 30, 15);
        for (name, data) in files {
            zip.extend(writer.header(name, crc32(0, data), data.len() as u64, modified).unwrap());
            zip.extend_from_slice(data);
        }
        zip.extend(writer.end());
        zip
    }

    /// The members of a whole ZIP in memory, with their bytes as kept.
    fn read(zip: &[u8]) -> Result<Vec<(Member, Vec<u8>)>, Error> {
        let tail = &zip[zip.len().saturating_sub(TAIL_LEN)..];
        let directory = find_directory(tail, zip.len() as u64)?;
        let range = directory.offset as usize..(directory.offset + directory.size) as usize;
        let members = members(&zip[range])?;
        Ok(members
            .into_iter()
            .map(|member| {
                let header = &zip[member.header_offset as usize..][..LOCAL_HEADER_LEN];
                let start = data_offset(&member, header).unwrap() as usize;
                let data = zip[start..start + member.compressed_size as usize].to_vec();
                (member, data)
            })
            .collect())
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(0, b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(crc32(0, b"1234"), b"56789"), 0xcbf4_3926, "continued in pieces");
        assert_eq!(crc32(0, b""), 0);
    }

    #[test]
    fn what_the_writer_writes_the_reader_reads() {
        let files: [(&str, &[u8]); 3] =
            [("images/0001-café.png", b"\x89PNG not really"), ("empty", b""), ("gallery.json", b"{}")];
        let back = read(&written(&files)).unwrap();
        assert_eq!(back.len(), 3);
        for ((member, data), (name, original)) in back.iter().zip(files) {
            assert_eq!(member.name, name);
            assert_eq!(member.method, Method::Stored);
            assert_eq!(data, original);
            assert_eq!(member.crc, crc32(0, original));
            assert_eq!(member.size, original.len() as u64);
        }
    }

    /// Info-ZIP's `unzip -t` (installed by `cargo xtask setup`) tests the
    /// writer's archive: headers, CRCs and the directory must all agree.
    #[test]
    fn info_zip_accepts_what_the_writer_writes() {
        let dir = std::env::temp_dir().join(format!("gpt-image-zip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("written.zip");
        std::fs::write(&path, written(&[("images/0001-café.png", &[7; 5000]), ("gallery.json", b"{}")])).unwrap();
        let output = std::process::Command::new("unzip")
            .arg("-t")
            .arg(&path)
            .output()
            .expect("`unzip` is missing: run `cargo xtask setup`");
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{report}");
        assert!(report.contains("No errors detected"), "{report}");
        let listing = std::process::Command::new("unzip").arg("-Z").arg("-l").arg(&path).output().unwrap();
        let listing = String::from_utf8_lossy(&listing.stdout);
        assert!(listing.contains("-rw-r--r--") && listing.contains("images/0001-café.png"), "{listing}");
        assert!(listing.contains("26-Nov-30 21:30"), "the time, to its 2-second step: {listing}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// Archives made by other tools (`tests/fixtures/`, made once with the
    /// commands in its README): Python's `zipfile` stored and deflated, and
    /// Info-ZIP's `zip` (deflated, with extra fields and a comment).
    #[test]
    fn archives_from_other_tools_are_read() {
        let cases: [(&[u8], Method); 3] = [
            (include_bytes!("../tests/fixtures/python-stored.zip"), Method::Stored),
            (include_bytes!("../tests/fixtures/python-deflated.zip"), Method::Deflated),
            (include_bytes!("../tests/fixtures/info-zip.zip"), Method::Deflated),
        ];
        for (zip, method) in cases {
            let back = read(zip).unwrap();
            let names: Vec<&str> = back.iter().map(|(member, _)| member.name.as_str()).collect();
            assert!(names.contains(&"gallery.json"), "{names:?}");
            let (json, data) = back.iter().find(|(member, _)| member.name == "gallery.json").unwrap();
            assert_eq!(json.method, method);
            if method == Method::Stored {
                assert_eq!(crc32(0, data), json.crc);
                assert!(data.starts_with(b"{"), "the bytes, from the right offset");
            }
        }
    }

    #[test]
    fn what_is_not_read_is_named() {
        assert!(find_directory(b"hello", 5).unwrap_err().to_string().starts_with("this is not a ZIP file"));
        let mut zip = written(&[("a", b"a")]);
        let len = zip.len();
        zip[len - 6..len - 2].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read(&zip).unwrap_err().to_string().contains("ZIP64"));

        let mut zip = written(&[("a.png", b"a")]);
        let central = zip.windows(4).position(|four| four == CENTRAL_SIGNATURE.to_le_bytes()).unwrap();
        zip[central + 10] = 12; // bzip2
        assert_eq!(
            read(&zip).unwrap_err().to_string(),
            "a.png is compressed with method 12; only stored and deflated files are read"
        );
        zip[central + 10] = 0;
        zip[central + 8] = 1;
        assert_eq!(read(&zip).unwrap_err().to_string(), "a.png is encrypted, which is not read");

        let zip = written(&[("a", b"a")]);
        let cut = &zip[..zip.len() - 1];
        assert!(read(cut).unwrap_err().to_string().starts_with("this is not a ZIP file"));
    }

    #[test]
    fn a_comment_after_the_end_record_is_allowed() {
        let mut zip = written(&[("a", b"abc")]);
        let len = zip.len();
        zip[len - 2..].copy_from_slice(&5u16.to_le_bytes());
        zip.extend_from_slice(b"notes");
        assert_eq!(read(&zip).unwrap()[0].1, b"abc");
    }

    #[test]
    fn dates_outside_what_zip_can_say_become_the_earliest() {
        assert_eq!(DosTime::new(1970, 1, 1, 0, 0, 0), DosTime::EARLIEST);
        assert_eq!(DosTime::new(2026, 13, 1, 0, 0, 0), DosTime::EARLIEST);
        let time = DosTime::new(2026, 11, 30, 21, 30, 15);
        assert_eq!(time.date, (46 << 9) | (11 << 5) | 30);
        assert_eq!(time.time, (21 << 11) | (30 << 5) | 7);
    }
}
