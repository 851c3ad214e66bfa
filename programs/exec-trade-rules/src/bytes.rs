//! Panic-free little-endian reading and writing over fixed-size messages.

use crate::error::RuleError;

/// Sequential little-endian reader. Every read is bounds-checked and fails with `on_short`.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    on_short: RuleError,
}

impl<'a> Reader<'a> {
    /// Reads `bytes` from offset 0; a read past the end fails with `on_short`.
    pub(crate) fn new(bytes: &'a [u8], on_short: RuleError) -> Self {
        Self {
            bytes,
            pos: 0,
            on_short,
        }
    }

    /// The next `N` bytes as an array.
    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], RuleError> {
        let end = self.pos.checked_add(N).ok_or(self.on_short)?;
        let slice = self.bytes.get(self.pos..end).ok_or(self.on_short)?;
        let out: [u8; N] = slice.try_into().map_err(|_| self.on_short)?;
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, RuleError> {
        Ok(u8::from_le_bytes(self.array::<1>()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, RuleError> {
        Ok(u32::from_le_bytes(self.array::<4>()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, RuleError> {
        Ok(u64::from_le_bytes(self.array::<8>()?))
    }

    pub(crate) fn i64(&mut self) -> Result<i64, RuleError> {
        Ok(i64::from_le_bytes(self.array::<8>()?))
    }
}

/// Reads the little-endian u16 at `offset` of `bytes`.
pub(crate) fn u16_at(bytes: &[u8], offset: usize, on_short: RuleError) -> Result<u16, RuleError> {
    let end = offset.checked_add(2).ok_or(on_short)?;
    let slice = bytes.get(offset..end).ok_or(on_short)?;
    let arr: [u8; 2] = slice.try_into().map_err(|_| on_short)?;
    Ok(u16::from_le_bytes(arr))
}

/// Sequential writer into a fixed array of `N` bytes. The layouts are fixed and pinned by the
/// golden vectors, so a write past the end cannot happen; it would be dropped rather than panic,
/// and the golden tests would catch the short message.
pub(crate) struct Writer<const N: usize> {
    bytes: [u8; N],
    pos: usize,
}

impl<const N: usize> Writer<N> {
    pub(crate) fn new() -> Self {
        Self {
            bytes: [0u8; N],
            pos: 0,
        }
    }

    pub(crate) fn put(&mut self, src: &[u8]) {
        let end = self.pos.saturating_add(src.len());
        if let Some(dst) = self.bytes.get_mut(self.pos..end) {
            dst.copy_from_slice(src);
        }
        self.pos = end;
    }

    pub(crate) fn finish(self) -> [u8; N] {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::{u16_at, Reader, Writer};
    use crate::error::RuleError;

    #[test]
    fn reader_fails_instead_of_reading_past_the_end() {
        let bytes = [1u8, 2, 3, 4, 5];
        let mut r = Reader::new(&bytes, RuleError::QuoteLength);
        assert_eq!(r.u32(), Ok(0x0403_0201));
        assert_eq!(r.u32(), Err(RuleError::QuoteLength));
        assert_eq!(r.u8(), Ok(5));
        assert_eq!(r.u8(), Err(RuleError::QuoteLength));
        assert_eq!(r.u64(), Err(RuleError::QuoteLength));
        assert_eq!(r.i64(), Err(RuleError::QuoteLength));
    }

    #[test]
    fn u16_at_is_bounds_checked() {
        let bytes = [0x34u8, 0x12, 0xFF];
        assert_eq!(
            u16_at(&bytes, 0, RuleError::Ed25519DataTooShort),
            Ok(0x1234)
        );
        assert_eq!(
            u16_at(&bytes, 2, RuleError::Ed25519DataTooShort),
            Err(RuleError::Ed25519DataTooShort)
        );
        assert_eq!(
            u16_at(&bytes, usize::MAX, RuleError::Ed25519DataTooShort),
            Err(RuleError::Ed25519DataTooShort)
        );
    }

    #[test]
    fn writer_drops_bytes_past_the_end_instead_of_panicking() {
        let mut w = Writer::<3>::new();
        w.put(&[1, 2]);
        w.put(&[3, 4]);
        w.put(&[5]);
        assert_eq!(w.finish(), [1, 2, 0]);
    }
}
