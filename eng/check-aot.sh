#!/usr/bin/env bash
# NativeAOT check for the MNIST sample (issue 4):
#   1. publishes samples/Mnist with PublishAot=true and fails on any trim/AOT warning (IL2xxx/IL3xxx);
#   2. trains a small model with the JIT build and saves its weights;
#   3. evaluates those weights with the JIT build and with the native binary, on the test and the training digits,
#      and fails unless both print the same accuracy and write exactly the same predictions.
# Usage: bash eng/check-aot.sh   (from anywhere; about a minute on 2 cores; KEEP_WORK=1 keeps the temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/netgen-aot.XXXXXX")
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
data=samples/Mnist/data

echo "== publish: JIT (framework-dependent)"
dotnet publish samples/Mnist/Mnist.csproj -c Release -o "$work/jit" -nologo -v:q

echo "== publish: NativeAOT linux-x64"
# An up-to-date native build would skip the AOT compiler and so hide its warnings: start it afresh.
rm -rf samples/Mnist/obj/Release/net10.0/linux-x64/native
if ! dotnet publish samples/Mnist/Mnist.csproj -c Release -r linux-x64 -p:PublishAot=true \
    -o "$work/aot" -nologo -clp:NoSummary >"$work/publish.log" 2>&1; then
  cat "$work/publish.log"
  echo "FAIL: NativeAOT publish failed"
  exit 1
fi
if grep -E "warning IL[23][0-9]{3}" "$work/publish.log"; then
  echo "FAIL: the NativeAOT publish has trim/AOT warnings (above)"
  exit 1
fi
[ -x "$work/aot/mnist" ] || { echo "FAIL: no native binary at $work/aot/mnist"; exit 1; }
echo "native binary: $(stat -c %s "$work/aot/mnist") bytes ($(du -sh "$work/aot" | cut -f1) with data and native libraries)"

echo "== train a small model with the JIT build"
dotnet "$work/jit/mnist.dll" train --epochs 2 --seed 7 --progress Plain \
  --out "$work/weights.safetensors" --plot "$work/training.png"

status=0
for set in test train; do
  args=(evaluate --weights "$work/weights.safetensors" --images "$data/$set-images-idx3-ubyte.gz" --labels "$data/$set-labels-idx1-ubyte.gz")
  jit=$(dotnet "$work/jit/mnist.dll" "${args[@]}" --predictions "$work/jit-$set.txt")
  aot=$("$work/aot/mnist" "${args[@]}" --predictions "$work/aot-$set.txt")
  echo "$set digits: JIT $(head -n 1 <<<"$jit") | native $(head -n 1 <<<"$aot")"
  if [ "$(head -n 1 <<<"$jit")" != "$(head -n 1 <<<"$aot")" ]; then
    echo "FAIL: the JIT and native builds print different accuracies on the $set digits"; status=1
  fi
  if ! diff -q "$work/jit-$set.txt" "$work/aot-$set.txt" >/dev/null; then
    echo "FAIL: the JIT and native builds predict differently on the $set digits:"
    diff "$work/jit-$set.txt" "$work/aot-$set.txt" | head -n 20
    status=1
  fi
  lines=$(wc -l <"$work/aot-$set.txt")
  expected=$([ "$set" = test ] && echo 1000 || echo 7000)
  [ "$lines" -eq "$expected" ] || { echo "FAIL: $lines predictions for the $set digits; expected $expected"; status=1; }
done

echo "== the native binary trains and plots too"
"$work/aot/mnist" train --epochs 1 --progress Plain --out "$work/native.safetensors" --plot "$work/native.png" >"$work/native-train.log"
tail -n 4 "$work/native-train.log"
[ -s "$work/native.safetensors" ] && [ -s "$work/native.png" ] || { echo "FAIL: the native binary wrote no weights or plot"; status=1; }
head -c 8 "$work/native.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || { echo "FAIL: native.png is not a PNG"; status=1; }

[ "$status" -eq 0 ] && echo "PASS: NativeAOT publish without warnings; native and JIT predictions identical"
exit "$status"
