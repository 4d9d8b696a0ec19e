#!/usr/bin/env bash
# Package check (issue 4): packs src/NetGen into a local folder feed, checks what the package holds, then installs it
# the way a user would — a fresh console project outside the solution, a nuget.config with the local feed beside
# nuget.org, `dotnet add package NetGen` — declares a network, builds, runs it and checks its output.
# The consumer restores into a private NUGET_PACKAGES folder, so a cached older NetGen can never stand in for this one.
# Usage: bash eng/check-package.sh   (from anywhere; about a minute; KEEP_WORK=1 keeps the temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/netgen-package.XXXXXX")
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

echo "== pack src/NetGen"
dotnet pack "$repo/src/NetGen/NetGen.csproj" -c Release -o "$work/feed" -nologo -v:q
nupkg=$(ls "$work"/feed/NetGen.*.nupkg)
version=$(basename "$nupkg" .nupkg); version=${version#NetGen.}
echo "package: $(basename "$nupkg") ($(stat -c %s "$nupkg") bytes)"

echo "== package contents"
python3 - "$nupkg" <<'PY'
import re, sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
nuspec = zipfile.ZipFile(sys.argv[1]).read("NetGen.nuspec").decode("utf-8")
required = ["lib/net10.0/NetGen.dll", "lib/net10.0/NetGen.xml", "analyzers/dotnet/cs/NetGen.Generator.dll", "README.md", "LICENSE"]
problems = [f"missing {name}" for name in required if name not in names]
problems += [f"the generator is a compile reference: {name}" for name in names if name.startswith("lib/") and "Generator" in name]
if "<readme>README.md</readme>" not in nuspec: problems.append("the nuspec names no readme")
if '<license type="expression">MIT</license>' not in nuspec: problems.append("the nuspec has no MIT licence expression")
if re.search(r"<dependency [^>]*id=\"NetGen\.Generator\"", nuspec): problems.append("the package depends on NetGen.Generator")
for name in sorted(names): print("  " + name)
if problems:
    print("\n".join("FAIL: " + p for p in problems)); sys.exit(1)
PY

echo "== fresh console project with NetGen $version from the local feed"
export NUGET_PACKAGES="$work/nuget-packages"
app="$work/app"
dotnet new console -o "$app" -n NetGenConsumer --no-restore >/dev/null
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="netgen-local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
(cd "$app" && dotnet add package NetGen --version "$version" >"$work/add.log" 2>&1) || { cat "$work/add.log"; fail "dotnet add package NetGen --version $version"; }
cat >"$app/Program.cs" <<'CS'
using System.Globalization;
using NetGen;
using NetGen.IO;
using NetGen.Training;

// XOR through the package: the generator (an analyzer from the package) compiles XorNet; the runtime trains it,
// saves and reloads its weights.
var data = new DataSet<float>([0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0], inputCount: 2, outputCount: 1);
var network = new XorNet();
var reports = new Trainer<float>(network, new TrainerOptions { Epochs = 4000, BatchSize = 4, LearningRate = 2.0 }).Train(data);
Safetensors.Save(network, "xor.safetensors");
var loaded = new XorNet();
Safetensors.Load(loaded, "xor.safetensors");

Span<float> output = stackalloc float[XorNet.OutputCount];
var classes = new List<string>();
for (int i = 0; i < data.Count; i++)
{
    loaded.Forward(data.Input(i), output);
    classes.Add(output[0] > 0.5f ? "1" : "0");
}
Console.WriteLine($"spec: {XorNet.Spec}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cost: {reports[0].TrainingCost:F4} -> {reports[^1].TrainingCost:F4}"));
Console.WriteLine("xor: " + string.Join(" ", classes));

[Network(Inputs = 2, Loss = Loss.SquaredError)]
[Dense(3, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet { }
CS

echo "== build and run"
(cd "$app" && dotnet build -c Release -nologo -v:q -p:EmitCompilerGeneratedFiles=true >"$work/build.log" 2>&1) || { cat "$work/build.log"; fail "the consumer project does not build"; }
output=$(cd "$app" && dotnet run -c Release --no-build)
echo "$output"
grep -qx "xor: 0 1 1 0" <<<"$output" || fail "expected the line 'xor: 0 1 1 0'"
grep -q "^spec: input\[2\] -> layer1 = Dense(3, Sigmoid) -> layer2 = Dense(1, Sigmoid); cost SquaredError(layer2); 13 parameters$" <<<"$output" \
  || fail "expected the spec line of the 2-3-1 network"
[ -d "$NUGET_PACKAGES/netgen/$version" ] || fail "NetGen $version was not restored into the private NUGET_PACKAGES folder"
ls "$app"/obj/Release/net10.0/generated/NetGen.Generator/*/*.cs >/dev/null 2>&1 || fail "the generator from the package emitted no source"
if ls "$app"/bin/Release/net10.0/NetGen.Generator.dll >/dev/null 2>&1; then fail "the generator was copied to the app's output (a compile reference)"; fi

echo "PASS: NetGen $version packs with lib, analyzer, docs, README and licence, and installs, builds and runs from a local feed"
