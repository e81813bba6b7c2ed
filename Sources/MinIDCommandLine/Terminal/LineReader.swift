import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// A piece of input as `LineReader` hands it out.
enum LineBlock {
  /// Complete lines, each ending in `\n` (one is supplied after a last line that had none).
  case lines(UnsafeRawBufferPointer)
  /// The first `maximumLineLength` bytes of a line that was longer; the rest of it is skipped.
  case truncatedLine(UnsafeRawBufferPointer)

  /// Calls `body` for each line of a `.lines` block, without its `\n` or a final `\r`.
  static func forEachLine(in block: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void)
    rethrows
  {
    guard let base = block.baseAddress else { return }
    var start = 0
    while start < block.count, let newline = memchr(base + start, 10, block.count - start) {
      let end = UnsafeRawPointer(newline) - base
      var length = end - start
      if length > 0, block[end - 1] == 13 { length -= 1 }
      try body(UnsafeRawBufferPointer(start: base + start, count: length))
      start = end + 1
    }
  }
}

/// Streams input from a file descriptor in large reads and hands out whole lines without copying them;
/// memory stays constant however long the input is.
struct LineReader {
  /// Lines longer than this are cut; the caller is told so.
  static let maximumLineLength = 1 << 16

  let descriptor: Int32
  var chunkSize = 1 << 20

  /// Calls `body` for each line; `truncated` is true when the line was longer than the maximum.
  func forEachLine(_ body: (UnsafeRawBufferPointer, _ truncated: Bool) throws -> Void) throws {
    try forEachBlock { block in
      switch block {
      case .lines(let lines): try LineBlock.forEachLine(in: lines) { try body($0, false) }
      case .truncatedLine(let line): try body(line, true)
      }
    }
  }

  /// Calls `body` with runs of complete lines (about `chunkSize` bytes each) and with cut overlong lines,
  /// in input order. The memory passed is valid only during the call.
  func forEachBlock(_ body: (LineBlock) throws -> Void) throws {
    let capacity = chunkSize + Self.maximumLineLength
    // One spare byte to close a last line that has no newline.
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity + 1, alignment: 16)
    defer { buffer.deallocate() }
    let base = buffer.baseAddress!
    var filled = 0
    var skipping = false
    while true {
      let count = Glibc.read(descriptor, base + filled, capacity - filled)
      if count < 0 {
        if errno == EINTR { continue }
        throw LineReaderError(errno: errno)
      }
      let atEnd = count == 0
      filled += count
      var start = 0
      if skipping {
        // Drop the rest of an overlong line, up to its newline.
        guard let newline = memchr(base, 10, filled) else {
          filled = 0
          if atEnd { return }
          continue
        }
        start = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
        skipping = false
      }
      if let last = Self.lastNewline(in: UnsafeRawBufferPointer(start: base, count: filled), from: start) {
        let end = last + 1
        try body(.lines(UnsafeRawBufferPointer(start: base + start, count: end - start)))
        start = end
      }
      let rest = filled - start
      if rest >= Self.maximumLineLength {
        try body(.truncatedLine(UnsafeRawBufferPointer(start: base + start, count: Self.maximumLineLength)))
        skipping = true
        filled = 0
        if atEnd { return }
        continue
      }
      if atEnd {
        if rest > 0 {
          base.storeBytes(of: 10, toByteOffset: filled, as: UInt8.self)
          try body(.lines(UnsafeRawBufferPointer(start: base + start, count: rest + 1)))
        }
        return
      }
      if rest > 0, start > 0 { memmove(base, base + start, rest) }
      filled = rest
    }
  }
}

extension LineReader {
  /// The offset of the last `\n` at or after `start` (glibc's memrchr is not imported into Swift; lines are
  /// short, so the backwards scan is a few bytes).
  static func lastNewline(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    var index = bytes.count - 1
    while index >= start {
      if bytes[index] == 10 { return index }
      index -= 1
    }
    return nil
  }
}

/// Reading standard input or a file failed part-way.
struct LineReaderError: MinIDError {
  let errno: Int32
  var code: String { "read_failed" }
  var category: ErrorCategory { .io }
  var message: String { "reading the input failed: \(String(cString: strerror(errno)))" }
}
