// swift-tools-version: 6.0
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode plus the upcoming features STYLE.md asks for.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Precis",
  products: [
    .library(name: "Precis", targets: ["Precis"]),
    .executable(name: "precis", targets: ["precis"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
  ],
  targets: [
    .target(
      name: "CICU",
      linkerSettings: [
        .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
      ]
    ),
    .target(
      name: "CStemmer",
      linkerSettings: [.linkedLibrary("stemmer")]
    ),
    .target(name: "CPrefetch"),
    .target(name: "CSHA256"),
    .target(
      name: "Precis",
      dependencies: ["CICU", "CStemmer", "CPrefetch", "CSHA256", .product(name: "Yams", package: "Yams")],
      resources: [.copy("Resources")],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "precis",
      dependencies: ["Precis", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: swiftSettings
    ),
    // The plugin example's source lives in Examples/CustomStage (a package of its own);
    // building it here too lets CI prove the plugin path without a second dependency build.
    .target(
      name: "CustomStageExample",
      dependencies: ["Precis"],
      path: "Examples/CustomStage/Sources/WordCountStage",
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "PrecisTests",
      dependencies: ["Precis", "CustomStageExample"],
      exclude: ["Fixtures"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "PrecisCLITests",
      dependencies: ["precis"],
      exclude: ["Golden"],
      swiftSettings: swiftSettings
    ),
  ]
)
