#!/usr/bin/env bash
# Package check of NetGen.Onnx: packs src/NetGen and src/NetGen.Onnx into a local folder feed, checks the package (lib,
# docs, README, licence; NetGen with its generator, OnnxSharp and Google.Protobuf as dependencies, the last two without
# compile assets; no ONNX Runtime), then installs NetGen.Onnx alone the way a user would in a fresh top-level console
# program that declares a network and calls `Onnx.Save`.
# That call only compiles while OnnxSharp's namespace `Onnx` stays out of the consumer's compile references (otherwise
# `Onnx` means the namespace: CS0234), which is what this checks beyond the nuspec.
# Usage: bash eng/check-onnx-package.sh   (from anywhere; about a minute; KEEP_WORK=1 keeps the temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/netgen-onnx-package.XXXXXX")
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

echo "== pack src/NetGen and src/NetGen.Onnx"
dotnet pack "$repo/src/NetGen/NetGen.csproj" -c Release -o "$work/feed" -nologo -v:q
dotnet pack "$repo/src/NetGen.Onnx/NetGen.Onnx.csproj" -c Release -o "$work/feed" -nologo -v:q
nupkg=$(ls "$work"/feed/NetGen.Onnx.*.nupkg)
version=$(basename "$nupkg" .nupkg); version=${version#NetGen.Onnx.}
echo "package: $(basename "$nupkg") ($(stat -c %s "$nupkg") bytes)"

echo "== package contents"
python3 - "$nupkg" <<'PY'
import re, sys, zipfile
package = zipfile.ZipFile(sys.argv[1])
names = set(package.namelist())
nuspec = package.read("NetGen.Onnx.nuspec").decode("utf-8")
required = ["lib/net10.0/NetGen.Onnx.dll", "lib/net10.0/NetGen.Onnx.xml", "README.md", "LICENSE"]
problems = [f"missing {name}" for name in required if name not in names]
dependencies = {}
for element in re.findall(r'<dependency [^>]*>', nuspec):
    exclude = re.search(r'exclude="([^"]*)"', element)
    dependencies[re.search(r'id="([^"]+)"', element).group(1)] = exclude.group(1) if exclude else ""
for needed in ["NetGen", "OnnxSharp", "Google.Protobuf"]:
    if needed not in dependencies: problems.append(f"no dependency on {needed}")
if "Analyzers" in dependencies.get("NetGen", "").split(","): problems.append("the dependency on NetGen leaves out its generator (exclude Analyzers)")
for private in ["OnnxSharp", "Google.Protobuf"]:
    if "Compile" not in dependencies.get(private, "Compile").split(","): problems.append(f"{private} is a compile dependency of consumers")
if any("OnnxRuntime" in d for d in dependencies): problems.append("the package depends on ONNX Runtime")
if "<readme>README.md</readme>" not in nuspec: problems.append("the nuspec names no readme")
for name in sorted(names): print("  " + name)
print("  dependencies: " + ", ".join(f"{d} (exclude {e})" for d, e in dependencies.items()))
if problems:
    print("\n".join("FAIL: " + p for p in problems)); sys.exit(1)
PY

echo "== fresh top-level console program with NetGen.Onnx $version from the local feed"
export NUGET_PACKAGES="$work/nuget-packages"
app="$work/app"
dotnet new console -o "$app" -n OnnxConsumer --no-restore >/dev/null
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="netgen-local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
# NetGen.Onnx alone: its dependency on NetGen must bring the runtime and the generator.
(cd "$app" && dotnet add package NetGen.Onnx --version "$version" >"$work/add.log" 2>&1) \
  || { cat "$work/add.log"; fail "dotnet add package NetGen.Onnx --version $version"; }
cat >"$app/Program.cs" <<'CS'
using NetGen;

// The README's call, in a top-level program (the global namespace, where a visible namespace Onnx would win).
var network = new XorNet();
Onnx.Save(network, "xor.onnx");
byte[] saved = File.ReadAllBytes("xor.onnx");
Console.WriteLine($"saved: {saved.Length} bytes, same as ToBytes: {saved.AsSpan().SequenceEqual(Onnx.ToBytes(network))}");

[Network(Inputs = 2, Loss = Loss.SquaredError)]
[Dense(3, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet { }
CS

echo "== build and run"
(cd "$app" && dotnet build -c Release -nologo -v:q >"$work/build.log" 2>&1) || { cat "$work/build.log"; fail "the consumer project does not build"; }
output=$(cd "$app" && dotnet run -c Release --no-build)
echo "$output"
grep -q "same as ToBytes: True" <<<"$output" || fail "expected the saved model to equal Onnx.ToBytes"
[ -s "$app/xor.onnx" ] || fail "no xor.onnx was written"

echo "PASS: NetGen.Onnx $version packs with lib, docs, README and licence, keeps OnnxSharp out of consumers' compile, and installs, builds and runs"
