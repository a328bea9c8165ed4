//! Why: a streaming decoder (`lzma_rust2::Lzma2Reader`) keeps a dictionary window of its own and copies each
//! decoded byte out of it; when the window is as large as the output (an initramfs of 18 MB in an xz block
//! whose dictionary is 64 MiB), the output is held twice. Here the output `Vec` is the dictionary: a match
//! copies bytes from earlier in the same buffer, so a stream costs its output once.
//!
//! Written from the format descriptions: the LZMA specification of the LZMA SDK (`lzma-specification.txt`:
//! range decoder, literal coder with match byte, length and distance coders, the 12-state machine) and the
//! `.xz` file format specification with the LZMA2 chunk layout of XZ Utils (control byte, sizes,
//! properties, dictionary/state resets).
//!
//! Firmware is hostile input, so:
//! * every read of the input is bounds-checked: past its end the range decoder reads zeros and the symbol
//!   that did so is taken back ([`LzmaError::InputTruncated`]), so the output kept is always a prefix of the
//!   true output;
//! * no byte past `limit` is ever written or allocated (the buffer grows at most to `limit`);
//! * every loop produces output or consumes input, so decoding ends;
//! * a distance must be within both the bytes decoded since the last dictionary reset and the dictionary
//!   size the header declares; anything else is corruption ([`LzmaError::DistanceTooFar`]).
//!
//! The LZMA1 probability table for literals takes `0x300 << (lc + lp)` entries of 2 bytes: 6 MiB at the
//! format's extreme (lc=8, lp=4), 12 KiB for the usual lc=3, lp=0 and at most 24 KiB for LZMA2 (lc+lp<=4).
//!
//! [`LzmaError::InputTruncated`]: crate::lzma2::LzmaError::InputTruncated
//! [`LzmaError::DistanceTooFar`]: crate::lzma2::LzmaError::DistanceTooFar

/// Why a stream could not be decoded to its end. The output decoded before the fault is kept in
/// [`LzmaOutput::data`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LzmaError {
    /// The input ends before the stream does.
    #[error("the input ends before the stream does")]
    InputTruncated,
    /// A properties byte outside the format's range (lc<=8, lp<=4, pb<=4; LZMA2 also lc+lp<=4).
    #[error("invalid properties byte 0x{0:02x}")]
    BadProperties(u8),
    /// An LZMA2 control byte that names no chunk type (0x03-0x7f).
    #[error("invalid LZMA2 control byte 0x{0:02x}")]
    BadControl(u8),
    /// The first LZMA2 chunk does not reset the dictionary.
    #[error("the first LZMA2 chunk does not reset the dictionary")]
    MissingDictionaryReset,
    /// An LZMA2 chunk continues the LZMA state where there are no properties to continue from (the first
    /// LZMA chunk, or the one after a dictionary reset, must set them).
    #[error("an LZMA2 chunk continues without properties")]
    MissingProperties,
    /// The range coder data does not start with a zero byte, or its first code is out of range.
    #[error("bad range coder start")]
    BadRangeCoderStart,
    /// A match reaches further back than the dictionary: before the last dictionary reset, before the start
    /// of the output, or past the declared dictionary size.
    #[error("match distance {distance} is past the dictionary ({available} bytes)")]
    DistanceTooFar {
        /// The distance of the match (1 = the previous byte).
        distance: u64,
        /// How far back a match could reach at that point.
        available: u64,
    },
    /// A match runs past the end of its LZMA2 chunk or past the declared uncompressed size.
    #[error("a match runs past the end of its chunk or the declared size")]
    MatchPastEnd,
    /// An LZMA2 chunk's compressed data is not exactly as long as its header says, or does not finish the
    /// range coder cleanly.
    #[error("an LZMA2 chunk's compressed data does not match its declared size")]
    ChunkSizeMismatch,
    /// An LZMA1 stream of known size goes on past that size, or its end marker does not finish the range
    /// coder cleanly.
    #[error("the stream does not end cleanly at its declared size or end marker")]
    BadEnd,
}

/// What a decoder produced: the output (also when it stopped early), the input it read, and why it stopped.
#[derive(Debug)]
pub struct LzmaOutput {
    /// The decoded bytes: all of the stream, or the prefix decoded before the limit or an error. Never
    /// longer than the limit.
    pub data: Vec<u8>,
    /// Input bytes read: the exact length of the stream when it ended cleanly (end chunk, end marker or
    /// declared size); where decoding stopped otherwise.
    pub consumed: u64,
    /// The output reached the limit while the stream had more to give.
    pub truncated: bool,
    /// What broke the stream, if it broke.
    pub error: Option<LzmaError>,
}

/// Decode a raw LZMA2 chunk sequence (the data of an xz block whose filter is LZMA2, up to and including
/// its end chunk 0x00) into one buffer, which is also the dictionary.
///
/// `dict_size` is the dictionary size the filter properties declare: no match may reach further back.
/// `expected` is the uncompressed size when known (an xz index records it): the buffer is reserved once
/// at that size (capped by `limit`), and grows by doubling only when the stream is longer; without it the
/// buffer grows with the output. At most `limit` bytes are decoded; the result is `truncated` when the
/// stream had more.
pub fn decode_lzma2(input: &[u8], dict_size: u32, expected: Option<u64>, limit: u64) -> LzmaOutput {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let first = expected.map_or(limit.min(input.len().saturating_mul(4)), |e| usize::try_from(e).unwrap_or(usize::MAX));
    let mut out = Out::new(first, limit, dict_size);
    let mut dec: Option<Box<Lzma>> = None;
    let mut at = 0usize;
    let mut need_dict_reset = true;
    let mut need_props = true;
    let (truncated, error) = loop {
        let Some(&control) = input.get(at) else { break (false, Some(LzmaError::InputTruncated)) };
        if control == 0 {
            at += 1;
            break (false, None);
        }
        if out.pos >= out.limit {
            // every chunk holds at least one byte: the limit cuts the stream
            break (true, None);
        }
        if control >= 0xe0 || control == 1 {
            need_props = true;
            need_dict_reset = false;
            out.dict_start = out.pos;
        } else if need_dict_reset {
            break (false, Some(LzmaError::MissingDictionaryReset));
        }
        if control < 0x80 {
            // uncompressed chunk: 0x01 after a dictionary reset, 0x02 without
            if control > 2 {
                break (false, Some(LzmaError::BadControl(control)));
            }
            let Some(h) = input.get(at + 1..at + 3) else { break (false, Some(LzmaError::InputTruncated)) };
            let size = (usize::from(h[0]) << 8 | usize::from(h[1])) + 1;
            at += 3;
            let avail = &input[at.min(input.len())..input.len().min(at + size)];
            let room = out.limit - out.pos;
            let take = avail.len().min(room);
            out.reserve(take);
            out.buf[out.pos..out.pos + take].copy_from_slice(&avail[..take]);
            out.pos += take;
            at += take;
            if take < size {
                break if take == room { (true, None) } else { (false, Some(LzmaError::InputTruncated)) };
            }
            continue;
        }
        // LZMA chunk: control, 21-bit uncompressed size - 1, 16-bit compressed size - 1, [properties]
        let props_follow = control >= 0xc0;
        let hlen = if props_follow { 6 } else { 5 };
        let Some(h) = input.get(at..at + hlen) else { break (false, Some(LzmaError::InputTruncated)) };
        let unpacked = (usize::from(control & 0x1f) << 16 | usize::from(h[1]) << 8 | usize::from(h[2])) + 1;
        let packed = (usize::from(h[3]) << 8 | usize::from(h[4])) + 1;
        if props_follow {
            let Some(p) = Props::parse(h[5]).filter(|p| p.lc + p.lp <= 4) else {
                break (false, Some(LzmaError::BadProperties(h[5])));
            };
            need_props = false;
            match dec.as_mut() {
                Some(d) => d.reset(p),
                None => dec = Some(Lzma::new(p)),
            }
        } else if need_props {
            break (false, Some(LzmaError::MissingProperties));
        } else if control >= 0xa0 {
            if let Some(d) = dec.as_mut() {
                d.reset(d.props);
            }
        }
        let Some(d) = dec.as_mut() else { break (false, Some(LzmaError::MissingProperties)) };
        at += hlen;
        let data = &input[at.min(input.len())..input.len().min(at + packed)];
        let cut = data.len() < packed;
        let end = out.pos + unpacked;
        out.reserve(unpacked.min(out.limit - out.pos));
        let mut rc = match Rc::new(data) {
            Ok(rc) => rc,
            Err(e) => break (false, Some(if cut { LzmaError::InputTruncated } else { e })),
        };
        match d.run(&mut rc, &mut out, end, false) {
            Ok(Stop::End) => {
                if rc.pos != packed || rc.code != 0 {
                    let e = if cut { LzmaError::InputTruncated } else { LzmaError::ChunkSizeMismatch };
                    break (false, Some(e));
                }
                at += packed;
            }
            Ok(_) => {
                at += rc.pos.min(data.len());
                break (true, None);
            }
            Err(e) => {
                at += rc.pos.min(data.len());
                let e = if e == LzmaError::InputTruncated && !cut { LzmaError::ChunkSizeMismatch } else { e };
                break (false, Some(e));
            }
        }
    };
    out.finish(at, truncated, error)
}

/// Decode a raw LZMA1 stream (the data after the 13-byte header of an `.lzma` file; squashfs, JFFS2 and
/// U-Boot lzma blocks) into one buffer, which is also the dictionary.
///
/// `props` is the lc/lp/pb byte (`(pb * 5 + lp) * 9 + lc`, lc<=8, lp<=4, pb<=4). `dict_size` bounds match
/// distances; as in the LZMA SDK it is at least 4096. `out_size` is the uncompressed size when known
/// (`None` or `Some(u64::MAX)`: unknown, the stream ends with an end marker); the buffer is reserved at that
/// size (capped by `limit`). A stream of known size may also end with an end marker, which is then
/// consumed. At most `limit` bytes are decoded; the result is `truncated` when the stream had more.
pub fn decode_lzma(input: &[u8], props: u8, dict_size: u32, out_size: Option<u64>, limit: u64) -> LzmaOutput {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let known = out_size.filter(|&s| s != u64::MAX);
    let end = known.map_or(usize::MAX, |s| usize::try_from(s).unwrap_or(usize::MAX));
    let first = if known.is_some() { end } else { limit.min(input.len().saturating_mul(4).max(64 << 10)) };
    let mut out = Out::new(first, limit, dict_size.max(4096));
    let Some(p) = Props::parse(props) else { return out.finish(0, false, Some(LzmaError::BadProperties(props))) };
    let mut rc = match Rc::new(input) {
        Ok(rc) => rc,
        Err(e) => return out.finish(0, false, Some(e)),
    };
    let mut dec = Lzma::new(p);
    let (truncated, error) = match dec.run(&mut rc, &mut out, end, known.is_none()) {
        Ok(Stop::Marker) => (false, (rc.code != 0).then_some(LzmaError::BadEnd)),
        Ok(Stop::Limit) => (true, None),
        Ok(Stop::End) if rc.code == 0 => (false, None),
        // the declared size is reached: an end marker may follow, anything else is an error
        Ok(Stop::End) => match dec.end_marker(&mut rc, &out) {
            true if rc.code == 0 && rc.pos <= input.len() => (false, None),
            _ => (false, Some(LzmaError::BadEnd)),
        },
        Err(e) => (false, Some(e)),
    };
    out.finish(rc.pos.min(input.len()), truncated, error)
}

/// The output buffer, also the dictionary. `buf` is zero-filled up to its length (`vec![0; n]` maps fresh
/// zero pages, so an exact reservation costs nothing until written); `pos` bytes of it are output.
struct Out {
    buf: Vec<u8>,
    pos: usize,
    limit: usize,
    /// Where the dictionary starts: the output position of the last dictionary reset.
    dict_start: usize,
    /// The declared dictionary size: the furthest a match may reach back.
    dict_size: usize,
}

impl Out {
    fn new(first: usize, limit: usize, dict_size: u32) -> Self {
        Out {
            buf: vec![0; first.min(limit)],
            pos: 0,
            limit,
            dict_start: 0,
            dict_size: usize::try_from(dict_size).unwrap_or(usize::MAX),
        }
    }

    /// Make room for `n` more bytes (the caller keeps `pos + n <= limit`), doubling the buffer.
    fn reserve(&mut self, n: usize) {
        let need = self.pos.saturating_add(n);
        if need > self.buf.len() {
            let grown = self.buf.len().saturating_mul(2).max(need).max(64 << 10).min(self.limit);
            self.buf.resize(grown.max(need), 0);
        }
    }

    fn finish(mut self, consumed: usize, truncated: bool, error: Option<LzmaError>) -> LzmaOutput {
        self.buf.truncate(self.pos);
        if self.buf.capacity() - self.pos > self.pos / 16 + (64 << 10) {
            self.buf.shrink_to_fit();
        }
        LzmaOutput { data: self.buf, consumed: consumed as u64, truncated, error }
    }
}

/// The range decoder over one slice. Reading past the slice yields zeros and still advances `pos`, so
/// `pos > input.len()` tells afterwards that a symbol was decoded from bytes that do not exist.
#[derive(Clone, Copy)]
struct Rc<'a> {
    input: &'a [u8],
    pos: usize,
    range: u32,
    code: u32,
}

/// Below this range the decoder takes another input byte.
const TOP: u32 = 1 << 24;

impl<'a> Rc<'a> {
    /// Start on `input`: a zero byte, then the first 32-bit code (which must be below the initial range).
    fn new(input: &'a [u8]) -> Result<Self, LzmaError> {
        let Some(&[first, a, b, c, d]) = input.get(..5) else { return Err(LzmaError::InputTruncated) };
        let code = u32::from_be_bytes([a, b, c, d]);
        if first != 0 || code == u32::MAX {
            return Err(LzmaError::BadRangeCoderStart);
        }
        Ok(Rc { input, pos: 5, range: u32::MAX, code })
    }

    /// Take a byte when the range is too small (after every bit: the last symbol of a stream then reads
    /// exactly the encoder's last byte, so `pos` is the stream's length at its end).
    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < TOP {
            let b = match self.input.get(self.pos) {
                Some(&b) => b,
                None => 0,
            };
            self.pos += 1;
            self.range <<= 8;
            self.code = self.code << 8 | u32::from(b);
        }
    }

    /// Whether bytes past the input were read.
    #[inline(always)]
    fn overrun(&self) -> bool {
        self.pos > self.input.len()
    }

    /// Decode one bit with an adaptive probability (of a 0, in 1/2048).
    #[inline(always)]
    fn bit(&mut self, p: &mut u16) -> u32 {
        let prob = u32::from(*p);
        let bound = (self.range >> 11) * prob;
        let bit = if self.code < bound {
            self.range = bound;
            *p = (prob + ((2048 - prob) >> 5)) as u16;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *p = (prob - (prob >> 5)) as u16;
            1
        };
        self.normalize();
        bit
    }

    /// [`Rc::bit`] without branches on the bit, for the hard-to-predict bits of symbols.
    #[inline(always)]
    fn bit_bl(&mut self, p: &mut u16) -> u32 {
        let prob = u32::from(*p);
        let bound = (self.range >> 11) * prob;
        let bit = u32::from(self.code >= bound);
        let mask = bit.wrapping_neg();
        self.range = (bound & !mask) | ((self.range - bound) & mask);
        self.code -= bound & mask;
        // bit 0: prob + (2048 - prob) / 32; bit 1: prob - prob / 32 (the wrapped offset folds the first
        // into the form of the second)
        let offset = 31u32.wrapping_sub(2048) & !mask;
        *p = prob.wrapping_sub(prob.wrapping_add(offset) >> 5) as u16;
        self.normalize();
        bit
    }

    /// [`Rc::bit_bl`] on a probability value: the bit and the updated probability.
    #[inline(always)]
    fn bit_val(&mut self, prob: u32) -> (usize, u16) {
        let bound = (self.range >> 11) * prob;
        let bit = u32::from(self.code >= bound);
        let mask = bit.wrapping_neg();
        self.range = (bound & !mask) | ((self.range - bound) & mask);
        self.code -= bound & mask;
        let offset = 31u32.wrapping_sub(2048) & !mask;
        let updated = prob.wrapping_sub(prob.wrapping_add(offset) >> 5) as u16;
        self.normalize();
        (bit as usize, updated)
    }

    /// A symbol of log2(N) bits coded most significant bit first with `N` probabilities (index 0 unused).
    ///
    /// Both children of a node are loaded while its bit is decoded, and the bit picks one: the load is
    /// off the chain of dependent operations from one bit to the next.
    #[inline(always)]
    fn tree<const N: usize>(&mut self, p: &mut [u16; N]) -> usize {
        let mut m = 1;
        let mut prob = u32::from(p[1 % N]);
        while 2 * m < N {
            let c0 = u32::from(p[(2 * m) % N]);
            let c1 = u32::from(p[(2 * m + 1) % N]);
            let (b, up) = self.bit_val(prob);
            p[m % N] = up;
            m = 2 * m + b;
            prob = if b == 1 { c1 } else { c0 };
        }
        let (b, up) = self.bit_val(prob);
        p[m % N] = up;
        (2 * m + b) - N
    }

    /// A symbol of `bits` bits coded least significant bit first; `p[m - 1]` is the probability of node
    /// `m` (1-based).
    #[inline(always)]
    fn reverse(&mut self, p: &mut [u16], bits: u32) -> u32 {
        let mut m = 1usize;
        let mut sym = 0;
        for i in 0..bits {
            let b = match p.get_mut(m - 1) {
                Some(p) => self.bit_bl(p),
                None => 0,
            };
            m = m << 1 | b as usize;
            sym |= b << i;
        }
        sym
    }

    /// `n` bits of probability 1/2.
    #[inline(always)]
    fn direct(&mut self, n: u32) -> u32 {
        let mut r = 0u32;
        for _ in 0..n {
            self.range >>= 1;
            let b = u32::from(self.code >= self.range);
            self.code -= self.range & b.wrapping_neg();
            r = r << 1 | b;
            self.normalize();
        }
        r
    }

    /// A literal without a match byte.
    #[inline(always)]
    fn literal(&mut self, p: &mut [u16; 0x300]) -> u8 {
        let mut s = 1usize;
        let mut prob = u32::from(p[1]);
        for _ in 0..7 {
            let c0 = u32::from(p[(2 * s) & 0xff]);
            let c1 = u32::from(p[(2 * s + 1) & 0xff]);
            let (b, up) = self.bit_val(prob);
            p[s & 0xff] = up;
            s = 2 * s + b;
            prob = if b == 1 { c1 } else { c0 };
        }
        let (b, up) = self.bit_val(prob);
        p[s & 0xff] = up;
        (2 * s + b) as u8
    }

    /// A literal after a match: while its bits agree with the byte at the last distance (`mb`), they are
    /// coded with the probabilities of that byte's bit; from the first difference on, as a plain literal.
    #[inline(always)]
    fn matched_literal(&mut self, p: &mut [u16; 0x300], mb: u8) -> u8 {
        // node s of the tree of probabilities offs + (the match bit & offs) + s: offs is 0x100 while the
        // decoded bits agree with the match byte's, 0 from the first difference on
        let mut s = 1usize;
        let mut offs = 0x100usize;
        let mut mb = usize::from(mb) << 1;
        let mut at = offs + (mb & offs) + s;
        let mut prob = u32::from(p[at]);
        for _ in 0..7 {
            // both children, for either bit, while the bit is decoded
            let mbit = mb & offs;
            let next_mb = mb << 1;
            let (o0, o1) = (offs & !mbit, offs & mbit);
            let (i0, i1) = (o0 + (next_mb & o0) + 2 * s, o1 + (next_mb & o1) + 2 * s + 1);
            let (c0, c1) = (u32::from(p[i0]), u32::from(p[i1]));
            let (b, up) = self.bit_val(prob);
            p[at] = up;
            s = 2 * s + b;
            (offs, at, prob) = if b == 1 { (o1, i1, c1) } else { (o0, i0, c0) };
            mb = next_mb;
        }
        let (b, up) = self.bit_val(prob);
        p[at] = up;
        (2 * s + b) as u8
    }
}

/// lc/lp/pb: literal context bits, literal position bits, position bits.
#[derive(Clone, Copy)]
struct Props {
    lc: u32,
    lp: u32,
    pb: u32,
}

impl Props {
    /// `(pb * 5 + lp) * 9 + lc`.
    fn parse(b: u8) -> Option<Props> {
        (b < 9 * 5 * 5).then(|| Props { lc: u32::from(b % 9), lp: u32::from(b / 9 % 5), pb: u32::from(b / 45) })
    }
}

/// Probabilities of the length coder (match lengths, and repeated-match lengths).
#[derive(Clone)]
struct LenCoder {
    choice: u16,
    choice2: u16,
    low: [[u16; 8]; 16],
    mid: [[u16; 8]; 16],
    high: [u16; 256],
}

const INIT: u16 = 1024;

impl LenCoder {
    const NEW: LenCoder =
        LenCoder { choice: INIT, choice2: INIT, low: [[INIT; 8]; 16], mid: [[INIT; 8]; 16], high: [INIT; 256] };

    /// A length of 2..=273.
    #[inline(always)]
    fn decode(&mut self, rc: &mut Rc<'_>, ps: usize) -> usize {
        if rc.bit(&mut self.choice) == 0 {
            2 + rc.tree(&mut self.low[ps & 15])
        } else if rc.bit(&mut self.choice2) == 0 {
            10 + rc.tree(&mut self.mid[ps & 15])
        } else {
            18 + rc.tree(&mut self.high)
        }
    }
}

/// The longest match.
const MAX_LEN: usize = 273;

/// The state after a literal, by state.
const AFTER_LIT: [usize; 16] = [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 4, 5, 0, 0, 0, 0];

/// Why [`Lzma::run`] stopped without an error.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stop {
    /// The output reached `end` (the chunk's or the stream's size).
    End,
    /// The output reached the limit with more to decode.
    Limit,
    /// An end marker (LZMA1).
    Marker,
}

/// The LZMA decoder state: probabilities, the 12-state machine and the four last distances.
struct Lzma {
    props: Props,
    state: usize,
    /// The last four distances, 0-based (0 = the previous byte).
    reps: [u32; 4],
    /// By `state << 4 | position state` (the arrays are sized to the mask, so no index is out of range).
    is_match: [u16; 256],
    is_rep: [u16; 16],
    is_rep0: [u16; 16],
    is_rep1: [u16; 16],
    is_rep2: [u16; 16],
    is_rep0_long: [u16; 256],
    dist_slot: [[u16; 64]; 4],
    /// Reverse-coded low bits of distances of slots 4..14.
    dist_special: [u16; 114],
    align: [u16; 16],
    match_len: LenCoder,
    rep_len: LenCoder,
    literal: Vec<[u16; 0x300]>,
}

impl Lzma {
    fn new(props: Props) -> Box<Lzma> {
        let mut d = Box::new(Lzma::fresh(props, Vec::new()));
        d.reset(props);
        d
    }

    /// Every probability at its initial value, the state at 0, and the literal table `literal` (filled by
    /// [`Lzma::reset`], which keeps its allocation).
    fn fresh(props: Props, literal: Vec<[u16; 0x300]>) -> Lzma {
        Lzma {
            props,
            state: 0,
            reps: [0; 4],
            is_match: [INIT; 256],
            is_rep: [INIT; 16],
            is_rep0: [INIT; 16],
            is_rep1: [INIT; 16],
            is_rep2: [INIT; 16],
            is_rep0_long: [INIT; 256],
            dist_slot: [[INIT; 64]; 4],
            dist_special: [INIT; 114],
            align: [INIT; 16],
            match_len: LenCoder::NEW,
            rep_len: LenCoder::NEW,
            literal,
        }
    }

    /// Reset the state and every probability, with (possibly new) properties.
    fn reset(&mut self, props: Props) {
        let mut literal = std::mem::take(&mut self.literal);
        literal.clear();
        literal.resize(1usize << (props.lc + props.lp), [INIT; 0x300]);
        *self = Lzma::fresh(props, literal);
    }

    /// A match distance (0-based) for a match of `len`; `u32::MAX` is the end marker.
    #[inline(always)]
    fn distance(&mut self, rc: &mut Rc<'_>, len: usize) -> u32 {
        let slot = rc.tree(&mut self.dist_slot[(len - 2).min(3)]) as u32;
        if slot < 4 {
            return slot;
        }
        let bits = (slot >> 1) - 1;
        let base = (2 | (slot & 1)) << bits;
        if slot < 14 {
            let from = (base - slot) as usize;
            base + rc.reverse(self.dist_special.get_mut(from..).unwrap_or_default(), bits)
        } else {
            let high = rc.direct(bits - 4) << 4;
            base + high + rc.reverse(&mut self.align, 4)
        }
    }

    /// After the declared size of an LZMA1 stream: whether an end marker follows (a match, not repeated,
    /// whose distance is all ones).
    fn end_marker(&mut self, rc: &mut Rc<'_>, out: &Out) -> bool {
        let ps = (out.pos - out.dict_start) & ((1 << self.props.pb) - 1);
        let st = self.state & 15;
        if rc.bit(&mut self.is_match[(st << 4 | ps) & 0xff]) == 0 || rc.bit(&mut self.is_rep[st]) == 1 {
            return false;
        }
        let len = self.match_len.decode(rc, ps);
        self.distance(rc, len) == u32::MAX
    }

    /// Decode into `out` until its position reaches `end`, the limit, or (with `marker`) an end marker.
    fn run(&mut self, rc_io: &mut Rc<'_>, out: &mut Out, end: usize, marker: bool) -> Result<Stop, LzmaError> {
        let mut rc = *rc_io;
        let lc = self.props.lc;
        let lp_mask = (1usize << self.props.lp) - 1;
        let pb_mask = (1usize << self.props.pb) - 1;
        let dict_start = out.dict_start;
        let dict_size = out.dict_size;
        let limit = out.limit;
        let mut state = self.state;
        let [mut r0, mut r1, mut r2, mut r3] = self.reps;
        let mut pos = out.pos;
        let mut stop = end.min(limit).min(out.buf.len());
        let mut sym_start = pos;
        let result = loop {
            if rc.overrun() {
                // the last symbol was decoded from bytes past the input: take it back
                pos = sym_start;
                break Err(LzmaError::InputTruncated);
            }
            sym_start = pos;
            if pos >= stop {
                if pos >= end {
                    break Ok(Stop::End);
                }
                if pos >= limit {
                    if marker {
                        // one more symbol tells the end of the stream from more data
                        self.state = state;
                        out.pos = pos;
                        let at_end = self.end_marker(&mut rc, out) && !rc.overrun();
                        break Ok(if at_end { Stop::Marker } else { Stop::Limit });
                    }
                    break Ok(Stop::Limit);
                }
                // the buffer is full: grow it (doubling)
                out.pos = pos;
                out.reserve(MAX_LEN.min(end.min(limit) - pos));
                stop = end.min(limit).min(out.buf.len());
                continue;
            }
            let buf = &mut out.buf[..];
            let rel = pos - dict_start;
            let ps = rel & pb_mask;
            let sp = (state << 4 | ps) & 0xff;
            if rc.bit(&mut self.is_match[sp]) == 0 {
                let prev = if rel > 0 { buf[pos - 1] } else { 0 };
                let ctx = ((rel & lp_mask) << lc) + (usize::from(prev) >> (8 - lc));
                // ctx < 2^(lc + lp), the table's size: the error cannot happen
                let Some(probs) = self.literal.get_mut(ctx) else { break Err(LzmaError::BadProperties(0)) };
                let byte = if state < 7 {
                    rc.literal(probs)
                } else {
                    let mb = match buf.get(pos.wrapping_sub(r0 as usize + 1)) {
                        Some(&b) => b,
                        None => 0,
                    };
                    rc.matched_literal(probs, mb)
                };
                buf[pos] = byte;
                pos += 1;
                state = AFTER_LIT[state & 15];
                continue;
            }
            let len;
            if rc.bit(&mut self.is_rep[state & 15]) == 0 {
                len = self.match_len.decode(&mut rc, ps);
                state = if state < 7 { 7 } else { 10 };
                let dist = self.distance(&mut rc, len);
                if dist == u32::MAX && marker {
                    if rc.overrun() {
                        break Err(LzmaError::InputTruncated);
                    }
                    break Ok(Stop::Marker);
                }
                r3 = r2;
                r2 = r1;
                r1 = r0;
                r0 = dist;
            } else {
                if rc.bit(&mut self.is_rep0[state & 15]) == 0 {
                    if rc.bit(&mut self.is_rep0_long[sp]) == 0 {
                        // a single byte at the last distance
                        if r0 as usize >= rel.min(dict_size) {
                            break Err(fault(&rc, too_far(r0, rel, dict_size)));
                        }
                        state = if state < 7 { 9 } else { 11 };
                        buf[pos] = buf[pos - r0 as usize - 1];
                        pos += 1;
                        continue;
                    }
                } else {
                    let d;
                    if rc.bit(&mut self.is_rep1[state & 15]) == 0 {
                        d = r1;
                    } else {
                        if rc.bit(&mut self.is_rep2[state & 15]) == 0 {
                            d = r2;
                        } else {
                            d = r3;
                            r3 = r2;
                        }
                        r2 = r1;
                    }
                    r1 = r0;
                    r0 = d;
                }
                len = self.rep_len.decode(&mut rc, ps);
                state = if state < 7 { 8 } else { 11 };
            }
            if r0 as usize >= rel.min(dict_size) {
                break Err(fault(&rc, too_far(r0, rel, dict_size)));
            }
            let dist = r0 as usize + 1;
            if len > stop - pos {
                // past the end, the limit, or the buffer: the slow way
                if rc.overrun() {
                    pos = sym_start;
                    break Err(LzmaError::InputTruncated);
                }
                if pos + len > end {
                    break Err(fault(&rc, LzmaError::MatchPastEnd));
                }
                // what fits under the limit; the buffer may have to grow for it
                let n = len.min(limit - pos);
                if pos + n > out.buf.len() {
                    out.pos = pos;
                    out.reserve(n.max(MAX_LEN).min(end.min(limit) - pos));
                    stop = end.min(limit).min(out.buf.len());
                }
                if n < len {
                    copy_match(&mut out.buf, pos, dist, n);
                    pos += n;
                    break Ok(Stop::Limit);
                }
            }
            copy_match(&mut out.buf, pos, dist, len);
            pos += len;
        };
        out.pos = pos;
        self.state = state;
        self.reps = [r0, r1, r2, r3];
        *rc_io = rc;
        result
    }
}

/// `e`, unless the symbol that caused it was decoded from bytes past the input: then the input is short.
fn fault(rc: &Rc<'_>, e: LzmaError) -> LzmaError {
    if rc.overrun() {
        LzmaError::InputTruncated
    } else {
        e
    }
}

fn too_far(r0: u32, rel: usize, dict_size: usize) -> LzmaError {
    LzmaError::DistanceTooFar { distance: u64::from(r0) + 1, available: rel.min(dict_size) as u64 }
}

/// Append `len` bytes from `dist` bytes back at `pos` (the caller checked `dist <= pos` and
/// `pos + len <= buf.len()`).
///
/// With 16 bytes of room after the match (bytes past the output position are scratch: they are written
/// again before they are output), the copy goes in blocks of 16 bytes of constant size, which compile to
/// a load and a store, advancing by at most the distance so that a block only reads bytes that are
/// already final (a repeated pattern, when the distance is shorter than the match). Without that room,
/// byte by byte.
#[inline(always)]
fn copy_match(buf: &mut [u8], pos: usize, dist: usize, len: usize) {
    let src = pos - dist;
    if pos + len + 16 <= buf.len() {
        if dist == 1 {
            let b = buf[src];
            buf[pos..pos + len].fill(b);
        } else if dist >= len && len > 64 {
            buf.copy_within(src..src + len, pos);
        } else {
            let step = dist.min(16);
            let mut done = 0;
            while done < len {
                buf.copy_within(src + done..src + done + 16, pos + done);
                done += step;
            }
        }
    } else if dist >= len {
        buf.copy_within(src..src + len, pos);
    } else {
        for i in 0..len {
            buf[pos + i] = buf[src + i];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Data that exercises every symbol: text-like words (literals, short matches, repeated distances),
    /// random bytes (literals, uncompressed LZMA2 chunks), runs (overlapping matches) and copies of
    /// earlier data from far back (long distances).
    fn mixed(n: usize, seed: u64) -> Vec<u8> {
        const WORDS: &[&str] = &[
            "root", "admin", "/bin/sh", "busybox", "telnetd", "password", "0x00", "eth0", "wlan", "config", "firmware",
            "\n", " ", "=", "/etc/", "init", "kernel", "squashfs", "uboot", "nvram",
        ];
        let mut r = Rng(seed | 1);
        let mut d = Vec::with_capacity(n + 4096);
        while d.len() < n {
            match r.below(10) {
                0..=4 => {
                    for _ in 0..r.below(64) {
                        d.extend_from_slice(WORDS[r.below(WORDS.len())].as_bytes());
                    }
                }
                5 => d.extend((0..r.below(2048)).map(|_| r.next() as u8)),
                6 => {
                    let b = r.next() as u8;
                    d.extend(std::iter::repeat_n(b, r.below(700)));
                }
                7 => {
                    // a short repeated pattern (overlapping copy with distance > 1)
                    let p: Vec<u8> = (0..1 + r.below(7)).map(|_| r.next() as u8).collect();
                    for i in 0..r.below(600) {
                        d.push(p[i % p.len()]);
                    }
                }
                _ if !d.is_empty() => {
                    let from = r.below(d.len());
                    let len = r.below(3000).min(d.len() - from);
                    d.extend_from_within(from..from + len);
                }
                _ => {}
            }
        }
        d.truncate(n);
        d
    }

    fn lzma_options(dict_size: u32, lc: u32, lp: u32, pb: u32, preset: u32) -> lzma_rust2::LzmaOptions {
        let mut o = lzma_rust2::LzmaOptions::with_preset(preset);
        o.dict_size = dict_size;
        o.lc = lc;
        o.lp = lp;
        o.pb = pb;
        o
    }

    /// A raw LZMA1 stream by lzma_rust2, with the end marker or not.
    fn rust_lzma(data: &[u8], o: &lzma_rust2::LzmaOptions, end_marker: bool, size: Option<u64>) -> Vec<u8> {
        let mut w = lzma_rust2::LzmaWriter::new(Vec::new(), o, false, end_marker, size).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap()
    }

    /// A raw LZMA2 chunk sequence by lzma_rust2.
    fn rust_lzma2(data: &[u8], o: lzma_rust2::LzmaOptions, chunk: Option<u64>) -> Vec<u8> {
        let mut opts = lzma_rust2::Lzma2Options { lzma_options: o, ..lzma_rust2::Lzma2Options::with_preset(6) };
        opts.set_chunk_size(chunk.and_then(std::num::NonZeroU64::new));
        let mut w = lzma_rust2::Lzma2Writer::new(Vec::new(), opts);
        w.write_all(data).unwrap();
        w.finish().unwrap()
    }

    fn props_byte(lc: u32, lp: u32, pb: u32) -> u8 {
        ((pb * 5 + lp) * 9 + lc) as u8
    }

    #[track_caller]
    fn assert_complete(o: &LzmaOutput, data: &[u8], consumed: usize, what: &str) {
        assert_eq!(o.error, None, "{what}");
        assert!(!o.truncated, "{what}: truncated");
        assert_eq!(o.data.len(), data.len(), "{what}: length");
        assert!(o.data == data, "{what}: output differs");
        assert_eq!(o.consumed, consumed as u64, "{what}: consumed");
    }

    #[test]
    fn lzma2_round_trips_lzma_rust2() {
        let data = mixed(600_000, 1);
        for (lc, lp, pb) in [(3, 0, 2), (0, 0, 0), (4, 0, 0), (0, 4, 4), (2, 2, 1), (1, 3, 4), (0, 0, 4)] {
            for (dict, chunk) in [(1 << 20, None), (64 << 10, Some(100_000)), (4096, Some(70_000))] {
                let packed = rust_lzma2(&data, lzma_options(dict, lc, lp, pb, 6), chunk);
                let what = format!("lc={lc} lp={lp} pb={pb} dict={dict} chunk={chunk:?}");
                for expected in [Some(data.len() as u64), None, Some(10), Some(1 << 30)] {
                    let o = decode_lzma2(&packed, dict, expected, 1 << 30);
                    assert_complete(&o, &data, packed.len(), &format!("{what} expected={expected:?}"));
                }
                // a dictionary smaller than the encoder's is corruption (or, by chance, not needed)
                if dict > 4096 {
                    let o = decode_lzma2(&packed, 4096, None, 1 << 30);
                    assert!(matches!(o.error, Some(LzmaError::DistanceTooFar { .. })), "{what}: {:?}", o.error);
                    assert!(o.data[..] == data[..o.data.len()], "{what}: the prefix is right");
                }
            }
        }
        // incompressible data: uncompressed chunks (0x01, 0x02) between LZMA chunks
        let mut noisy = mixed(200_000, 2);
        let mut r = Rng(99);
        noisy.extend((0..300_000).map(|_| r.next() as u8));
        noisy.extend_from_slice(&mixed(100_000, 3));
        let packed = rust_lzma2(&noisy, lzma_options(1 << 20, 3, 0, 2, 6), None);
        assert!(chunk_kinds(&packed).contains(&2), "the test needs uncompressed chunks: {:?}", chunk_kinds(&packed));
        assert_complete(&decode_lzma2(&packed, 1 << 20, None, 1 << 30), &noisy, packed.len(), "noisy");
        // an empty stream is the end chunk alone
        let empty = rust_lzma2(b"", lzma_options(1 << 20, 3, 0, 2, 6), None);
        assert_complete(&decode_lzma2(&empty, 1 << 20, Some(0), 1 << 30), b"", empty.len(), "empty");
        // bytes after the end chunk are not read
        let mut trailing = rust_lzma2(&data[..5000], lzma_options(1 << 20, 3, 0, 2, 6), None);
        let n = trailing.len();
        trailing.extend_from_slice(&[0xaa; 50]);
        assert_complete(&decode_lzma2(&trailing, 1 << 20, None, 1 << 30), &data[..5000], n, "trailing");
    }

    /// The control bytes of the chunks of an LZMA2 stream, with 0x01/0x02 for uncompressed chunks.
    fn chunk_kinds(s: &[u8]) -> Vec<u8> {
        let mut at = 0;
        let mut kinds = Vec::new();
        while let Some(&c) = s.get(at) {
            kinds.push(if c >= 0x80 { c & 0xe0 } else { c });
            at += match c {
                0 => break,
                1 | 2 => 3 + (usize::from(s[at + 1]) << 8 | usize::from(s[at + 2])) + 1,
                _ => (if c >= 0xc0 { 6 } else { 5 }) + (usize::from(s[at + 3]) << 8 | usize::from(s[at + 4])) + 1,
            };
        }
        kinds
    }

    #[test]
    fn lzma1_round_trips_lzma_rust2() {
        let data = mixed(400_000, 4);
        for (lc, lp, pb) in [(3, 0, 2), (0, 0, 0), (8, 0, 0), (8, 4, 4), (4, 4, 0), (0, 4, 2), (5, 1, 3)] {
            let o = lzma_options(1 << 20, lc, lp, pb, 6);
            let props = props_byte(lc, lp, pb);
            let what = format!("lc={lc} lp={lp} pb={pb}");
            let n = data.len() as u64;
            // known size without end marker, unknown size with it, and known size with it
            let known = rust_lzma(&data, &o, false, Some(n));
            assert_complete(&decode_lzma(&known, props, 1 << 20, Some(n), 1 << 30), &data, known.len(), &what);
            let marked = rust_lzma(&data, &o, true, None);
            for size in [None, Some(u64::MAX)] {
                let out = decode_lzma(&marked, props, 1 << 20, size, 1 << 30);
                assert_complete(&out, &data, marked.len(), &format!("{what} end marker"));
            }
            let both = rust_lzma(&data, &o, true, Some(n));
            let out = decode_lzma(&both, props, 1 << 20, Some(n), 1 << 30);
            assert_complete(&out, &data, both.len(), &format!("{what} known size and end marker"));
            // a stream of known size without an end marker, read as if it had one, runs out of input
            let out = decode_lzma(&known, props, 1 << 20, None, 1 << 30);
            assert_eq!(out.error, Some(LzmaError::InputTruncated), "{what}");
            assert!(out.data[..] == data[..out.data.len()] && out.data.len() + 300 >= data.len(), "{what}");
        }
        // lc=8 is only for LZMA1; LZMA2 refuses lc+lp > 4
        let o = decode_lzma2(&[0xe0, 0, 0, 0, 4, props_byte(8, 0, 0), 0, 0, 0, 0, 0], 4096, None, 100);
        assert_eq!(o.error, Some(LzmaError::BadProperties(8)));
        assert_eq!(decode_lzma(&[0; 16], 225, 4096, None, 100).error, Some(LzmaError::BadProperties(225)));
    }

    /// Run a tool on `data` (written to a file), or `None` when it is not installed.
    fn tool(name: &str, args: &[&str], data: &[u8]) -> Option<Vec<u8>> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(data).unwrap();
        let out = match std::process::Command::new(name).args(args).arg(f.path()).output() {
            Ok(o) => o,
            Err(e) => {
                eprintln!("skipping: {name} is not available ({e})");
                return None;
            }
        };
        assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        Some(out.stdout)
    }

    #[test]
    fn xz_tool_streams_decode() {
        let data = mixed(1 << 20, 5);
        let raw = |opts: &str| tool("xz", &["-c", "--format=raw", &format!("--lzma2={opts}")], &data);
        for (opts, dict) in [
            ("preset=0", 256 << 10),
            ("preset=6", 8 << 20),
            ("preset=9e", 64 << 20),
            ("preset=6,lc=4,lp=0,pb=0", 8 << 20),
            ("preset=6,lc=0,lp=4,pb=4", 8 << 20),
            ("preset=6,mf=hc3", 8 << 20),
            ("preset=6,mf=bt2", 8 << 20),
            ("preset=6,dict=4KiB", 4096),
            ("preset=6,dict=4KiB,mf=hc3,lc=1,lp=3,pb=1", 4096),
        ] {
            let Some(packed) = raw(opts) else { return };
            let o = decode_lzma2(&packed, dict, Some(data.len() as u64), 1 << 30);
            assert_complete(&o, &data, packed.len(), opts);
        }
        // .lzma files: 13-byte header, unknown size and an end marker
        for preset in ["-0", "-6", "-9e"] {
            let Some(f) = tool("xz", &["-c", "--format=lzma", preset], &data) else { return };
            let dict = u32::from_le_bytes(f[1..5].try_into().unwrap());
            let size = u64::from_le_bytes(f[5..13].try_into().unwrap());
            let o = decode_lzma(&f[13..], f[0], dict, Some(size), 1 << 30);
            assert_complete(&o, &data, f.len() - 13, preset);
        }
        let Some(f) = tool("xz", &["-c", "--format=lzma", "--lzma1=preset=6,lc=0,lp=4,pb=4,mf=bt2"], &data) else {
            return;
        };
        let o = decode_lzma(&f[13..], f[0], u32::from_le_bytes(f[1..5].try_into().unwrap()), None, 1 << 30);
        assert_complete(&o, &data, f.len() - 13, "lzma1 lc=0 lp=4 pb=4");
    }

    #[test]
    fn the_limit_cuts_anywhere_and_keeps_a_true_prefix() {
        let data = mixed(300_000, 6);
        let lz2 = rust_lzma2(&data, lzma_options(1 << 20, 3, 0, 2, 6), Some(65_536));
        let o = lzma_options(1 << 20, 3, 0, 2, 6);
        let lz1_marked = rust_lzma(&data, &o, true, None);
        let lz1_known = rust_lzma(&data, &o, false, Some(data.len() as u64));
        let mut r = Rng(7);
        let mut limits: Vec<u64> = (0..40).map(|_| r.below(data.len()) as u64).collect();
        limits.extend([0, 1, 2, 65_535, 65_536, 65_537, data.len() as u64 - 1]);
        for limit in limits {
            let outs = [
                decode_lzma2(&lz2, 1 << 20, Some(data.len() as u64), limit),
                decode_lzma2(&lz2, 1 << 20, None, limit),
                decode_lzma(&lz1_marked, 0x5d, 1 << 20, None, limit),
                decode_lzma(&lz1_known, 0x5d, 1 << 20, Some(data.len() as u64), limit),
            ];
            for (i, o) in outs.iter().enumerate() {
                assert!(o.truncated && o.error.is_none(), "{i} limit {limit}: {:?}", o.error);
                assert_eq!(o.data.len() as u64, limit, "{i}");
                assert!(o.data[..] == data[..limit as usize], "{i} limit {limit}: the prefix");
                assert!(o.data.capacity() as u64 <= limit.max(1 << 17), "{i}: never more than the limit");
            }
        }
        // a limit exactly at the end is no cut, nor is one past it
        for limit in [data.len() as u64, data.len() as u64 + 1] {
            assert_complete(&decode_lzma2(&lz2, 1 << 20, None, limit), &data, lz2.len(), "lzma2 at end");
            let o = decode_lzma(&lz1_marked, 0x5d, 1 << 20, None, limit);
            assert_complete(&o, &data, lz1_marked.len(), "lzma1 at end");
            let o = decode_lzma(&lz1_known, 0x5d, 1 << 20, Some(data.len() as u64), limit);
            assert_complete(&o, &data, lz1_known.len(), "lzma1 known at end");
        }
        // LZMA1 of unknown size grows its buffer from 64 KiB: a match across both the buffer's end and the
        // limit
        let runs: Vec<u8> = (0..1 << 20).map(|i| (i / 1000) as u8).collect();
        let packed = rust_lzma(&runs, &o, true, None);
        assert!(packed.len() * 4 < 64 << 10, "the first buffer is 64 KiB");
        for limit in (65_536 - 300..65_536 + 300).step_by(7).chain([131_072 + 1, 131_072 + 100]) {
            let out = decode_lzma(&packed, 0x5d, 1 << 20, None, limit);
            assert!(out.truncated && out.error.is_none() && out.data.len() as u64 == limit, "limit {limit}");
            assert!(out.data[..] == runs[..limit as usize], "limit {limit}");
        }
        let out = decode_lzma(&packed, 0x5d, 1 << 20, None, 1 << 30);
        assert_complete(&out, &runs, packed.len(), "runs");
        // a bomb: 64 MiB of zeros stops at the limit, having allocated no more than it
        let zeros = vec![0u8; 64 << 20];
        let bomb = rust_lzma2(&zeros, lzma_options(8 << 20, 3, 0, 2, 1), None);
        let o = decode_lzma2(&bomb, 8 << 20, Some(64 << 20), 1 << 20);
        assert!(o.truncated && o.data.len() == 1 << 20 && o.data.capacity() == 1 << 20);
        let o = decode_lzma2(&bomb, 8 << 20, None, 3_000_000);
        assert!(o.truncated && o.data.len() == 3_000_000 && o.data.capacity() <= 3_000_000);
    }

    #[test]
    fn truncated_input_keeps_a_true_prefix() {
        let data = mixed(200_000, 8);
        let lz2 = rust_lzma2(&data, lzma_options(1 << 20, 3, 0, 2, 6), Some(40_000));
        let lz1 = rust_lzma(&data, &lzma_options(1 << 20, 3, 0, 2, 6), true, None);
        let mut r = Rng(9);
        for (name, s) in [("lzma2", &lz2), ("lzma1", &lz1)] {
            let mut cuts: Vec<usize> = (0..60).map(|_| r.below(s.len())).collect();
            cuts.extend([0, 1, 4, 5, 6, 7, s.len() - 1]);
            let mut longest = 0;
            for cut in cuts {
                let o = if name == "lzma2" {
                    decode_lzma2(&s[..cut], 1 << 20, None, 1 << 30)
                } else {
                    decode_lzma(&s[..cut], 0x5d, 1 << 20, None, 1 << 30)
                };
                assert!(o.error.is_some(), "{name} cut at {cut}");
                assert!(o.data[..] == data[..o.data.len()], "{name} cut at {cut}: the prefix is right");
                assert!(o.consumed <= cut as u64);
                if cut == s.len() - 1 {
                    longest = o.data.len();
                }
            }
            assert!(longest + 300 >= data.len(), "{name}: a stream cut by one byte keeps nearly all ({longest})");
        }
    }

    #[test]
    fn bit_flips_never_panic_and_keep_what_came_before() {
        let data = mixed(100_000, 10);
        let lz2 = rust_lzma2(&data, lzma_options(1 << 20, 3, 0, 2, 6), Some(20_000));
        let lz1 = rust_lzma(&data, &lzma_options(1 << 20, 3, 0, 2, 6), true, None);
        // the output position where each LZMA2 chunk starts, by input offset
        let mut starts = Vec::new();
        let (mut at, mut upos) = (0usize, 0usize);
        while lz2[at] != 0 {
            let c = lz2[at];
            starts.push((at, upos));
            let (h, u, p) = if c < 0x80 {
                (3, usize::from(lz2[at + 1]) << 8 | usize::from(lz2[at + 2]), 0)
            } else {
                let u = usize::from(c & 0x1f) << 16 | usize::from(lz2[at + 1]) << 8 | usize::from(lz2[at + 2]);
                (if c >= 0xc0 { 6 } else { 5 }, u, usize::from(lz2[at + 3]) << 8 | usize::from(lz2[at + 4]))
            };
            upos += u + 1;
            at += h + if c < 0x80 { u + 1 } else { p + 1 };
        }
        let mut r = Rng(11);
        for i in 0..400 {
            let (name, s) = if i % 2 == 0 { ("lzma2", &lz2) } else { ("lzma1", &lz1) };
            let mut bad = s.clone();
            let at = r.below(bad.len());
            bad[at] ^= 1 << r.below(8);
            let limit = 150_000;
            let o = if i % 2 == 0 {
                decode_lzma2(&bad, 1 << 20, None, limit)
            } else {
                decode_lzma(&bad, 0x5d, 1 << 20, None, limit)
            };
            assert!(o.data.len() as u64 <= limit, "{name}: flip at {at}");
            assert!(o.consumed <= bad.len() as u64);
            if i % 2 == 0 {
                // chunks before the damaged one are intact
                let good = starts.iter().rev().find(|&&(cat, _)| cat <= at).map_or(0, |&(_, u)| u);
                assert!(o.data.len() >= good && o.data[..good] == data[..good], "{name}: flip at {at}");
            }
        }
    }

    /// A range encoder (LZMA SDK's specification), to build streams the usual encoders never write.
    struct Enc {
        low: u64,
        range: u32,
        cache: u8,
        pending: u64,
        out: Vec<u8>,
    }

    impl Enc {
        fn new() -> Enc {
            Enc { low: 0, range: u32::MAX, cache: 0, pending: 1, out: Vec::new() }
        }
        fn shift_low(&mut self) {
            if self.low < 0xff00_0000 || self.low >= 1 << 32 {
                let carry = (self.low >> 32) as u8;
                let mut b = self.cache;
                while self.pending > 0 {
                    self.out.push(b.wrapping_add(carry));
                    b = 0xff;
                    self.pending -= 1;
                }
                self.cache = (self.low >> 24) as u8;
            }
            self.pending += 1;
            self.low = (self.low & 0x00ff_ffff) << 8;
        }
        fn norm(&mut self) {
            while self.range < TOP {
                self.range <<= 8;
                self.shift_low();
            }
        }
        fn bit(&mut self, p: &mut u16, b: u32) {
            let bound = (self.range >> 11) * u32::from(*p);
            if b == 0 {
                self.range = bound;
                *p += (2048 - *p) >> 5;
            } else {
                self.low += u64::from(bound);
                self.range -= bound;
                *p -= *p >> 5;
            }
            self.norm();
        }
        fn tree(&mut self, p: &mut [u16], bits: u32, v: u32) {
            let mut m = 1;
            for i in (0..bits).rev() {
                let b = v >> i & 1;
                self.bit(&mut p[m], b);
                m = m << 1 | b as usize;
            }
        }
        fn reverse(&mut self, p: &mut [u16], bits: u32, v: u32) {
            let mut m = 1;
            for i in 0..bits {
                let b = v >> i & 1;
                self.bit(&mut p[m - 1], b);
                m = m << 1 | b as usize;
            }
        }
        fn finish(mut self) -> Vec<u8> {
            for _ in 0..5 {
                self.shift_low();
            }
            self.out
        }
    }

    /// Symbols to encode (lc=3 lp=0 pb=0 for simplicity: position state 0 everywhere).
    enum Sym {
        Lit(u8),
        /// A new match: 0-based distance, length.
        Match(u32, usize),
    }

    /// Encode symbols with the decoder's own model (its probabilities and state machine), starting at
    /// output position `pos` (for the literal context) after `prev`.
    fn encode(syms: &[Sym], mut prev: u8) -> Vec<u8> {
        let mut m = Lzma::new(Props { lc: 3, lp: 0, pb: 0 });
        let mut e = Enc::new();
        let mut state = 0usize;
        let mut hist: Vec<u8> = Vec::new();
        for s in syms {
            match *s {
                Sym::Lit(b) => {
                    assert!(state < 7, "plain literals only");
                    e.bit(&mut m.is_match[state << 4], 0);
                    e.tree(&mut m.literal[usize::from(prev) >> 5], 8, u32::from(b));
                    state = AFTER_LIT[state & 15];
                    prev = b;
                    hist.push(b);
                }
                Sym::Match(dist, len) => {
                    e.bit(&mut m.is_match[state << 4], 1);
                    e.bit(&mut m.is_rep[state], 0);
                    assert!((2..10).contains(&len));
                    e.bit(&mut m.match_len.choice, 0);
                    e.tree(&mut m.match_len.low[0], 3, (len - 2) as u32);
                    let slot = if dist < 4 {
                        dist
                    } else {
                        2 * (31 - dist.leading_zeros()) + (dist >> (30 - dist.leading_zeros()) & 1)
                    };
                    e.tree(&mut m.dist_slot[(len - 2).min(3)], 6, slot);
                    if slot >= 4 {
                        let bits = (slot >> 1) - 1;
                        let base = (2 | (slot & 1)) << bits;
                        if slot < 14 {
                            e.reverse(&mut m.dist_special[(base - slot) as usize..], bits, dist - base);
                        } else {
                            for i in (4..bits).rev() {
                                e.range >>= 1;
                                if (dist - base) >> i & 1 == 1 {
                                    e.low += u64::from(e.range);
                                }
                                e.norm();
                            }
                            e.reverse(&mut m.align, 4, (dist - base) & 15);
                        }
                    }
                    state = if state < 7 { 7 } else { 10 };
                    for _ in 0..len {
                        let b = hist.len().checked_sub(dist as usize + 1).map_or(0, |i| hist[i]);
                        hist.push(b);
                    }
                    prev = *hist.last().unwrap();
                    if dist != u32::MAX {
                        // back to a literal state the test encoder can code
                        assert!(state >= 7);
                    }
                }
            }
        }
        e.finish()
    }

    #[test]
    fn distances_past_the_dictionary_or_the_output_are_errors() {
        use Sym::*;
        // "ab" then a match 5 back: only 2 bytes exist
        let s = encode(&[Lit(b'a'), Lit(b'b'), Match(4, 2)], 0);
        let o = decode_lzma(&s, 3, 4096, None, 100);
        assert_eq!(o.error, Some(LzmaError::DistanceTooFar { distance: 5, available: 2 }));
        assert_eq!(o.data, b"ab");
        // a match as the very first symbol
        let o = decode_lzma(&encode(&[Match(0, 2)], 0), 3, 4096, None, 100);
        assert_eq!(o.error, Some(LzmaError::DistanceTooFar { distance: 1, available: 0 }));
        // within the output: fine, and an end marker after it ends the stream
        let lits: Vec<Sym> = b"abcdef".iter().map(|&b| Lit(b)).collect();
        let mut syms = lits;
        syms.push(Match(3, 4));
        syms.push(Match(u32::MAX, 2));
        let s = encode(&syms, 0);
        let o = decode_lzma(&s, 3, 4096, None, 100);
        assert_complete(&o, b"abcdefcdef", s.len(), "match then end marker");
        // the same, of known size: the end marker after the declared size is read too
        let o = decode_lzma(&s, 3, 4096, Some(10), 100);
        assert_complete(&o, b"abcdefcdef", s.len(), "known size then end marker");
        // an end marker before the declared size is an error
        let o = decode_lzma(&s, 3, 4096, Some(11), 100);
        assert!(o.error.is_some() && o.data == b"abcdefcdef");
        // a known size cutting a match is an error
        let o = decode_lzma(&s, 3, 4096, Some(8), 100);
        assert_eq!((o.error, &o.data[..]), (Some(LzmaError::MatchPastEnd), &b"abcdef"[..]));

        // past the declared dictionary: 5000 literals, then a match 4500 back with a 4 KiB dictionary
        let mut r = Rng(3);
        let mut syms: Vec<Sym> = (0..5000).map(|_| Lit(r.next() as u8)).collect();
        syms.push(Match(4499, 3));
        let s = encode(&syms, 0);
        let o = decode_lzma(&s, 3, 4096, None, 1 << 20);
        assert_eq!(o.error, Some(LzmaError::DistanceTooFar { distance: 4500, available: 4096 }));
        assert_eq!(o.data.len(), 5000);
        let o = decode_lzma(&s, 3, 8192, None, 1 << 20);
        assert_eq!((o.error, o.data.len()), (Some(LzmaError::InputTruncated), 5003), "no end marker");

        // LZMA2: "hello" uncompressed (dictionary reset), then an LZMA chunk with new properties that
        // matches into it: allowed without a dictionary reset, an error with one
        for (control, want) in [(0xc0u8, None), (0xe0, Some(LzmaError::DistanceTooFar { distance: 4, available: 1 }))] {
            let body = encode(&[Lit(b'x'), Match(3, 3)], b'o');
            let mut s = vec![1, 0, 4];
            s.extend_from_slice(b"hello");
            s.extend_from_slice(&[control, 0, 3, 0, (body.len() - 1) as u8, 3]);
            s.extend_from_slice(&body);
            s.push(0);
            let o = decode_lzma2(&s, 4096, None, 100);
            if control == 0xe0 {
                // after the reset the first literal has no previous byte: encode it that way
                let body = encode(&[Lit(b'x'), Match(3, 3)], 0);
                s.truncate(8);
                s.extend_from_slice(&[control, 0, 3, 0, (body.len() - 1) as u8, 3]);
                s.extend_from_slice(&body);
                s.push(0);
                let o = decode_lzma2(&s, 4096, None, 100);
                assert_eq!((o.error, &o.data[..]), (want, &b"hellox"[..]));
            } else {
                assert_complete(&o, b"helloxllo", s.len(), "match into an uncompressed chunk");
            }
        }
    }

    #[test]
    fn lzma2_chunk_rules() {
        let e = |s: &[u8]| decode_lzma2(s, 4096, None, 1 << 20);
        // the first chunk must reset the dictionary
        assert_eq!(e(&[2, 0, 0, b'a', 0]).error, Some(LzmaError::MissingDictionaryReset));
        assert_eq!(e(&[0x80, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0]).error, Some(LzmaError::MissingDictionaryReset));
        // uncompressed chunks alone
        assert_complete(&e(&[1, 0, 1, b'a', b'b', 2, 0, 0, b'c', 0]), b"abc", 10, "uncompressed");
        // after 0x01 an LZMA chunk must bring properties
        assert_eq!(e(&[1, 0, 0, b'a', 0xa0, 0, 0, 0, 4, 0, 0, 0, 0, 0]).error, Some(LzmaError::MissingProperties));
        assert_eq!(e(&[1, 0, 0, b'a', 3]).error, Some(LzmaError::BadControl(3)));
        assert_eq!(e(&[1, 0, 0, b'a', 0x7f]).error, Some(LzmaError::BadControl(0x7f)));
        // no end chunk
        let o = e(&[1, 0, 1, b'a', b'b']);
        assert_eq!((o.error, &o.data[..]), (Some(LzmaError::InputTruncated), &b"ab"[..]));
        // an uncompressed chunk cut short keeps what it has
        let o = e(&[1, 0, 9, b'a', b'b']);
        assert_eq!((o.error, &o.data[..]), (Some(LzmaError::InputTruncated), &b"ab"[..]));
        // an LZMA chunk whose compressed size is longer than its data uses
        let body = encode(&[Sym::Lit(b'q')], 0);
        let mut s = vec![0xe0, 0, 0, 0, body.len() as u8, 3];
        s.extend_from_slice(&body);
        s.extend_from_slice(&[0, 0]);
        assert_eq!(e(&s).error, Some(LzmaError::ChunkSizeMismatch));
        s[4] -= 1;
        assert_complete(&e(&s[..s.len() - 1]), b"q", s.len() - 1, "one literal");
        // the limit between chunks
        let o = decode_lzma2(&[1, 0, 1, b'a', b'b', 2, 0, 0, b'c', 0], 4096, None, 2);
        assert!(o.truncated && o.error.is_none() && o.data == b"ab");
        let o = decode_lzma2(&[1, 0, 1, b'a', b'b', 0], 4096, None, 2);
        assert!(!o.truncated && o.error.is_none() && o.data == b"ab");
    }

    #[test]
    fn the_decompress_paths_decode_with_it() {
        use crate::decompress;
        let data = mixed(500_000, 12);
        // .lzma with bytes after it: consumed is exact (the streaming reader counted its read-ahead)
        let Some(mut f) = tool("xz", &["-c", "--format=lzma", "-6"], &data) else { return };
        let n = f.len();
        f.extend_from_slice(&[0x55; 4096]);
        let d = decompress::lzma_alone(&f, 1 << 30).unwrap();
        assert!(d.data == data && d.error.is_none() && !d.truncated);
        assert_eq!(d.consumed, n as u64);
        let d = decompress::lzma_alone(&f, 1000).unwrap();
        assert!(d.truncated && d.data[..] == data[..1000]);
        // lc=8 (the LZMA1 maximum), known size in the header
        let mut w = lzma_rust2::LzmaWriter::new_use_header(
            Vec::new(),
            &lzma_options(1 << 20, 8, 0, 0, 6),
            Some(data.len() as u64),
        )
        .unwrap();
        w.write_all(&data).unwrap();
        let f8 = w.finish().unwrap();
        let d = decompress::lzma_alone(&f8, 1 << 30).unwrap();
        assert!(d.data == data && d.error.is_none() && d.consumed == f8.len() as u64);
        assert_eq!(d.data.capacity(), data.len(), "reserved once at the announced size");
        // damaged: what decodes is kept, with the error, or an error; never more than the limit
        let mut r = Rng(13);
        for _ in 0..20 {
            let mut bad = f[..n].to_vec();
            let at = 13 + r.below(n - 13);
            bad[at] ^= 1 << r.below(8);
            if let Ok(d) = decompress::lzma_alone(&bad, 600_000) {
                assert!(d.data.len() <= 600_000 && d.consumed <= n as u64);
            }
        }
        // raw LZMA1 as JFFS2 stores it: lc=0 lp=0 pb=0, 8 KiB dictionary, known size, no end marker
        let page = &data[..4096];
        let raw = rust_lzma(page, &lzma_options(0x2000, 0, 0, 0, 6), false, Some(4096));
        assert_eq!(decompress::lzma_raw(&raw, 0, 0x2000, Some(4096), 4096).unwrap(), page);
        assert!(decompress::lzma_raw(&raw[..raw.len() / 2], 0, 0x2000, Some(4096), 4096)
            .map_or(true, |d| d.len() < 4096 && d[..] == page[..d.len()]));
        // one xz block: decoded into a buffer of exactly the recorded size
        let Some(x) = tool("xz", &["-c", "-9", "-T1"], &data) else { return };
        let d = decompress::xz(&x, 1 << 30).unwrap();
        assert!(d.data == data && d.error.is_none() && d.consumed == x.len() as u64);
        assert_eq!(d.data.capacity(), data.len());
    }

    /// Speed against lzma_rust2 on ~20 MB: `FWASSURE_LZMA_BENCH=/path/to/file.xz cargo test --release -p
    /// fwassure-unpack --lib lzma2::tests::speed -- --ignored --nocapture` (an `xz -9` file of one block),
    /// or without the variable on 20 MB of /usr/bin compressed here with `xz -6`.
    #[test]
    #[ignore]
    fn speed_against_lzma_rust2() {
        use std::io::Read;
        let file = match std::env::var("FWASSURE_LZMA_BENCH") {
            Ok(p) => std::fs::read(p).unwrap(),
            Err(_) => {
                let mut data = Vec::new();
                for e in std::fs::read_dir("/usr/bin").unwrap().flatten() {
                    if data.len() >= 20 << 20 {
                        break;
                    }
                    if let Ok(b) = std::fs::read(e.path()) {
                        data.extend_from_slice(&b[..b.len().min((20 << 20) - data.len())]);
                    }
                }
                tool("xz", &["-c", "-6", "-T1"], &data).unwrap()
            }
        };
        // the LZMA2 data of the one block (a 12-byte header, a block header, no other filter)
        let hsize = (usize::from(file[12]) + 1) * 4;
        assert_eq!(file[13..16], [0, 0x21, 1], "one block without sizes in its header, LZMA2 only");
        let dict_byte = file[16];
        let dict = (2 | u32::from(dict_byte & 1)) << (dict_byte / 2 + 11);
        let lz = &file[12 + hsize..];
        // the best of several runs each, alternating (the machine may be busy)
        let runs = std::env::var("FWASSURE_LZMA_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
        let (mut ours_t, mut theirs_t) = (std::time::Duration::MAX, std::time::Duration::MAX);
        let mut ours = decode_lzma2(lz, dict, None, 1 << 32);
        assert!(ours.error.is_none(), "{:?}", ours.error);
        let mut theirs = Vec::with_capacity(ours.data.len());
        let window = dict.min(ours.data.len() as u32);
        lzma_rust2::Lzma2Reader::new(lz, window, None).read_to_end(&mut theirs).unwrap();
        assert!(theirs == ours.data);
        // FWASSURE_LZMA_BENCH_ONLY=ours|theirs times one decoder (to compare CPU time with `perf stat`)
        let only = std::env::var("FWASSURE_LZMA_BENCH_ONLY").unwrap_or_default();
        for _ in 0..runs {
            if only != "theirs" {
                let t = std::time::Instant::now();
                ours = decode_lzma2(lz, dict, None, 1 << 32);
                ours_t = ours_t.min(t.elapsed());
            }
            if only != "ours" {
                let t = std::time::Instant::now();
                let mut theirs = Vec::with_capacity(ours.data.len());
                lzma_rust2::Lzma2Reader::new(lz, window, None).read_to_end(&mut theirs).unwrap();
                theirs_t = theirs_t.min(t.elapsed());
            }
        }
        let mb = ours.data.len() as f64 / 1e6;
        eprintln!(
            "{mb:.1} MB from {:.1} MB: ours {:.3} s ({:.0} MB/s), lzma_rust2 {:.3} s ({:.0} MB/s)",
            lz.len() as f64 / 1e6,
            ours_t.as_secs_f64(),
            mb / ours_t.as_secs_f64(),
            theirs_t.as_secs_f64(),
            mb / theirs_t.as_secs_f64()
        );
    }
}
