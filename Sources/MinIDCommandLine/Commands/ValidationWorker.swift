import Dispatch
import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// Checks lines and renders their results into its own output buffer, so two workers can each take half a
/// block of input on the two cores and their outputs be written in input order.
final class ValidationWorker: @unchecked Sendable {
  let validator: IdentityNumberValidator
  let onlyInvalid: Bool
  let json: Bool
  private(set) var output: [UInt8] = []
  private(set) var total = 0
  private(set) var invalid = 0
  private var writer = JSONWriter()
  private var line: [UInt8] = []

  init(validator: IdentityNumberValidator, onlyInvalid: Bool, json: Bool) {
    self.validator = validator
    self.onlyInvalid = onlyInvalid
    self.json = json
    output.reserveCapacity(1 << 16)
    line.reserveCapacity(512)
  }

  /// Checks one input; blank lines are skipped.
  /// Blank lines in a stream are skipped; a blank number given as an argument (`blankIsInvalid`) is not,
  /// since someone meant to check it.
  func check(_ input: UnsafeRawBufferPointer, truncated: Bool = false, blankIsInvalid: Bool = false) {
    if !blankIsInvalid, input.count != 11, input.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
    total += 1
    let report = validator.check(input)
    if report.isValid {
      if onlyInvalid { return }
    } else {
      invalid += 1
    }
    if json {
      IdentityNumberRendering.json(report, input: input, into: &writer)
      output.append(contentsOf: writer.bytes)
    } else {
      IdentityNumberRendering.appendHuman(report, input: input, truncated: truncated, into: &line)
      output.append(contentsOf: line)
    }
  }

  func checkLines(_ block: UnsafeRawBufferPointer) {
    LineBlock.forEachLine(in: block) { check($0) }
  }

  /// Hands the rendered output to `stream` and empties the buffer.
  func flush(to stream: OutputStream) {
    stream.write(output)
    output.removeAll(keepingCapacity: true)
  }

  /// Validates everything `reader` yields, splitting large blocks between two workers.
  static func run(
    reader: LineReader, workers: [ValidationWorker], output: OutputStream
  ) throws {
    try reader.forEachBlock { block in
      switch block {
      case .truncatedLine(let line):
        workers[0].check(line, truncated: true)
      case .lines(let lines):
        let parts = split(lines, into: workers.count)
        if parts.count == 1 {
          workers[0].checkLines(lines)
        } else {
          let shared = SendableBlocks(parts: parts)
          DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            workers[index].checkLines(shared.parts[index])
          }
        }
      }
      for worker in workers { worker.flush(to: output) }
    }
  }

  /// Cuts a block of whole lines into up to `count` parts of whole lines; small blocks stay whole.
  static func split(_ block: UnsafeRawBufferPointer, into count: Int) -> [UnsafeRawBufferPointer] {
    guard count > 1, block.count >= 1 << 16, let base = block.baseAddress else { return [block] }
    var parts: [UnsafeRawBufferPointer] = []
    var start = 0
    for index in 1..<count {
      let target = block.count * index / count
      guard target > start, let newline = memchr(base + target, 10, block.count - target) else { continue }
      let end = UnsafeRawPointer(newline) - base + 1
      parts.append(UnsafeRawBufferPointer(start: base + start, count: end - start))
      start = end
    }
    if start < block.count {
      parts.append(UnsafeRawBufferPointer(start: base + start, count: block.count - start))
    }
    return parts
  }
}

/// Read-only views of the input shared with the worker threads for the length of one block.
private struct SendableBlocks: @unchecked Sendable {
  let parts: [UnsafeRawBufferPointer]
}
