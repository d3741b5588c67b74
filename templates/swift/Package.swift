// swift-tools-version: 5.9
// {{ banner }}

import PackageDescription

let package = Package(
    name: {{ p.name }},
    platforms: [.macOS(.v12), .iOS(.v15), .tvOS(.v15), .watchOS(.v8)],
    products: [
        .library(name: "{{ p.module }}", targets: ["{{ p.module }}"]),
    ],
    targets: [
        .target(name: "{{ p.module }}"),
    ]
)
