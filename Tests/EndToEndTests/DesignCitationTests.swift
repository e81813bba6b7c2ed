import Foundation
import Testing

/// Comments cite the design as "decisions §N"; each citation must name a file in docs/design/ (numbered N),
/// so a reader can follow it.
@Suite struct DesignCitationTests {
  static let root = MinIDBinary.packageRoot

  /// The section numbers that have a file in docs/design/ (`01-…md` is §1).
  static func designSections() throws -> Set<Int> {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("docs/design").path)
    return Set(names.compactMap { name in Int(name.prefix(while: \.isNumber)) })
  }

  /// Every "decisions §N" (and "§N and §M") in Sources, with the file it is in.
  static func citations() throws -> [(file: String, section: Int)] {
    let sources = root.appendingPathComponent("Sources")
    let enumerator = FileManager.default.enumerator(atPath: sources.path)
    var found: [(file: String, section: Int)] = []
    let pattern = try Regex(#"decisions (§\d+(?:,? (?:and )?§\d+)*)"#)
    while let path = enumerator?.nextObject() as? String {
      guard path.hasSuffix(".swift") else { continue }
      let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
      for match in text.matches(of: pattern) {
        for number in text[match.range].split(separator: "§").dropFirst() {
          if let section = Int(number.prefix(while: \.isNumber)) { found.append((path, section)) }
        }
      }
    }
    return found
  }

  @Test func everyCitationResolvesToADesignFile() throws {
    let sections = try Self.designSections()
    let citations = try Self.citations()
    #expect(!citations.isEmpty)
    for citation in citations {
      #expect(sections.contains(citation.section), "\(citation.file) cites decisions §\(citation.section)")
    }
  }

  @Test func theDesignIndexListsEveryFile() throws {
    let index = try String(
      contentsOf: Self.root.appendingPathComponent("docs/design/README.md"), encoding: .utf8)
    let names = try FileManager.default.contentsOfDirectory(
      atPath: Self.root.appendingPathComponent("docs/design").path)
    for name in names where name != "README.md" {
      #expect(index.contains("(\(name))"), "docs/design/README.md does not link \(name)")
    }
  }
}
