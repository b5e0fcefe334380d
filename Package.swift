// swift-tools-version:6.0
import PackageDescription

// One package, one-way module boundaries:
// CLapacke -> Markov -> Drift -> DriftDaemon -> DriftCommandLine -> drift.
// JSON is a leaf every layer above Markov may use.
let package = Package(
    name: "drift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "drift", targets: ["drift"]),
        .executable(name: "drift-bench", targets: ["drift-bench"]),
        .library(name: "Drift", targets: ["Drift"]),
        .library(name: "Markov", targets: ["Markov"]),
    ],
    targets: [
        // LAPACKE, reference LAPACK and a BLAS with CBLAS, from Debian's liblapacke-dev.
        .systemLibrary(name: "CLapacke"),
        .target(name: "Markov", dependencies: ["CLapacke"]),
        .target(name: "JSON"),
        // Counts malloc and friends by defining them in the executable; linked only into drift-bench.
        .target(name: "CMallocCounter"),
        .target(name: "Drift", dependencies: ["Markov", "JSON"]),
        .target(name: "DriftDaemon", dependencies: ["Drift", "JSON"]),
        .target(name: "DriftCommandLine", dependencies: ["Drift", "DriftDaemon", "JSON", "Markov"]),
        .executableTarget(name: "drift", dependencies: ["DriftCommandLine"]),
        .executableTarget(name: "drift-bench", dependencies: ["Drift", "DriftDaemon", "JSON", "Markov", "CMallocCounter"]),
        .testTarget(name: "MarkovTests", dependencies: ["Markov"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "DriftTests", dependencies: ["Drift", "JSON", "Markov"]),
        .testTarget(name: "DriftDaemonTests", dependencies: ["DriftDaemon", "Drift", "JSON"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DriftCommandLine", "Drift", "JSON", "drift"]),
    ],
    swiftLanguageModes: [.v6]
)
