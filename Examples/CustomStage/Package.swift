// swift-tools-version: 6.0
// An example of a third-party Precis stage in a package of its own.
// Build and run from this folder: swift run wordcount-demo Pipelines/wordcount.yaml /tmp/wordcount
import PackageDescription

let package = Package(
  name: "CustomStage",
  products: [.library(name: "WordCountStage", targets: ["WordCountStage"])],
  dependencies: [.package(name: "Precis", path: "../..")],
  targets: [
    .target(
      name: "WordCountStage", dependencies: [.product(name: "Precis", package: "Precis")],
      swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")]),
    .executableTarget(
      name: "wordcount-demo",
      dependencies: ["WordCountStage", .product(name: "Precis", package: "Precis")]),
  ]
)
