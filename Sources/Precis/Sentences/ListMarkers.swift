/// Numbered, lettered and bulleted list items written inline: "1. The first item 2. The second item".
///
/// A marker is a number (up to three digits) or a lowercase letter followed by ".", ")" or ".)"
/// and a space, optionally after a bullet. Two or more markers of the same style with consecutive
/// values, the first at the start of the text, a line or a sentence, make a list: each item
/// starts a sentence, and the marker itself never ends one. A lone marker at the start of a line
/// only keeps its item together.
struct ListMarkers {
  /// Positions where a list item starts a new sentence.
  private(set) var forcedBreaks = Set<Int>()
  /// Positions right after a marker, where no sentence may start.
  private(set) var protectedStarts = Set<Int>()

  private struct Marker {
    var start: Int
    var contentStart: Int
    var value: Int
    var style: Int
    var atSentenceStart: Bool
  }

  /// Finds the lists among `starts`, the positions that may start a marker (see ``UnitScan``).
  init(units: [UInt16], starts: [Int]) {
    let markers = Self.findMarkers(units, starts: starts)
    var index = 0
    while index < markers.count {
      var end = index + 1
      while end < markers.count, markers[end].style == markers[index].style,
        markers[end].value == markers[end - 1].value + 1
      {
        end += 1
      }
      let group = markers[index..<end]
      if group.count >= 2, group.first?.atSentenceStart == true {
        for (offset, marker) in group.enumerated() {
          if offset > 0 { forcedBreaks.insert(marker.start) }
          protectedStarts.insert(marker.contentStart)
        }
      } else if let first = group.first, first.atSentenceStart, first.start == 0 || Self.followsNewline(units, first.start) {
        protectedStarts.insert(first.contentStart)
      }
      index = end
    }
  }

  static func isBullet(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x2022, 0x2043, 0x25E6, 0x25AA, 0x2023, 0x2D, 0x2A, 0x2013: true
    default: false
    }
  }

  /// Where a marker ending with the "." or ")" at `end` starts: up to three ASCII digits or one
  /// lowercase ASCII letter at the start of a word, with a bullet before them if there is one.
  static func markerStart(_ units: UnsafeBufferPointer<UInt16>, endingAt end: Int) -> Int? {
    var start = end
    if start > 0, units[start - 1] == TextUnits.period, end + 1 < units.count, units[end] == 0x29 {
      start -= 1  // "1.)"
    }
    let valueEnd = start
    if start > 0, (0x61...0x7A).contains(units[start - 1]) {
      start -= 1
    } else {
      while start > 0, valueEnd - start < 3, (0x30...0x39).contains(units[start - 1]) { start -= 1 }
    }
    guard start < valueEnd else { return nil }
    if start == 0 || TextUnits.isWhitespace(units[start - 1]) {
      // "• 9." : a bullet and spaces before the number belong to the marker.
      var bullet = start
      while bullet > 0, units[bullet - 1] == TextUnits.space { bullet -= 1 }
      if bullet > 0, isBullet(units[bullet - 1]), bullet - 1 == 0 || TextUnits.isWhitespace(units[bullet - 2]) {
        return bullet - 1
      }
      return start
    }
    if isBullet(units[start - 1]), start - 1 == 0 || TextUnits.isWhitespace(units[start - 2]) { return start - 1 }  // "⁃9."
    return nil
  }

  private static func findMarkers(_ units: [UInt16], starts: [Int]) -> [Marker] {
    var markers: [Marker] = []
    let count = units.count
    var skipUntil = 0
    for position in starts where position >= skipUntil {
      var index = position
      var style = 0
      if isBullet(units[index]) {
        style = 1000 * Int(units[index])
        index += 1
        while index < count, units[index] == TextUnits.space { index += 1 }
      }
      var value = 0
      var digits = 0
      while index < count, (0x30...0x39).contains(units[index]), digits < 3 {
        value = value * 10 + Int(units[index] - 0x30)
        digits += 1
        index += 1
      }
      if digits == 0 {
        guard index < count, (0x61...0x7A).contains(units[index]) else { continue }
        value = Int(units[index] - 0x60)
        style += 100
        index += 1
      }
      guard index < count else { continue }
      if units[index] == TextUnits.period, index + 1 < count, units[index + 1] == 0x29 {
        style += 3
        index += 2
      } else if units[index] == TextUnits.period {
        style += 1
        index += 1
      } else if units[index] == 0x29 {
        style += 2
        index += 1
      } else {
        continue
      }
      guard index + 1 < count, units[index] == TextUnits.space, !TextUnits.isWhitespace(units[index + 1]) else { continue }
      let contentStart = index + 1
      markers.append(
        Marker(start: position, contentStart: contentStart, value: value, style: style, atSentenceStart: atSentenceStart(units, position)))
      skipUntil = contentStart  // the "9." of "• 9." is not a marker of its own
    }
    return markers
  }

  /// At the start of the text or a line, or after a sentence's final punctuation.
  private static func atSentenceStart(_ units: [UInt16], _ position: Int) -> Bool {
    var index = position
    while index > 0, units[index - 1] == TextUnits.space || units[index - 1] == 0x09 { index -= 1 }
    if index == 0 || TextUnits.isNewline(units[index - 1]) { return true }
    let previous = units[index - 1]
    return previous == TextUnits.period || previous == 0x21 || previous == 0x3F || previous == 0x3A
  }

  private static func followsNewline(_ units: [UInt16], _ position: Int) -> Bool {
    var index = position
    while index > 0, units[index - 1] == TextUnits.space || units[index - 1] == 0x09 { index -= 1 }
    return index == 0 || TextUnits.isNewline(units[index - 1])
  }
}
