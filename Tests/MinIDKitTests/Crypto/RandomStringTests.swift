import Testing

@testable import MinIDKit

/// `RandomSource.string(count:from:)`: the characters `uniform(below:)` would draw one by one, from one
/// request for bytes.
@Suite struct RandomStringTests {
  /// Hands out the bytes of a script in order, counting the requests.
  final class ScriptedRandomSource: RandomSource, @unchecked Sendable {
    private var script: [UInt8]
    private(set) var requests = 0
    init(_ script: [UInt8]) { self.script = script }
    func bytes(_ count: Int) -> [UInt8] {
      requests += 1
      let taken = Array(script.prefix(count))
      script.removeFirst(taken.count)
      return taken + [UInt8](repeating: 7, count: count - taken.count)
    }
  }

  @Test func aStringIsWhatUniformDrawsCharacterByCharacter() {
    let alphabet = Array("0123456789")
    // Eight 0xFF bytes make a value above the last whole multiple of 10: it is refused and drawn again.
    let script = [UInt8](repeating: 0xFF, count: 8) + (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }
    let one = ScriptedRandomSource(script)
    let expected = String((0..<20).map { _ in alphabet[one.uniform(below: alphabet.count)] })
    #expect(ScriptedRandomSource(script).string(count: 20, from: alphabet) == expected)
    for seed in [1, 2, 99] as [UInt64] {
      let first = SeededRandomSource(seed: seed)
      let second = SeededRandomSource(seed: seed)
      let characters = ActivationCode.alphabet
      #expect(
        first.string(count: 16, from: characters)
          == String((0..<16).map { _ in characters[second.uniform(below: characters.count)] }))
    }
  }

  @Test func aCodeAsksForItsBytesOnce() {
    let source = ScriptedRandomSource((0..<128).map { UInt8($0) })
    _ = ActivationCode(random: source)
    #expect(source.requests == 1)
  }
}
