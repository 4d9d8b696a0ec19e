using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Compares generated text with a checked-in file under Golden/. The files are the reviewed output of the generator:
/// a change to the emitter shows up as a diff in review. Set <see cref="AcceptVariable"/>=1 to rewrite them instead.
/// </summary>
internal static partial class GoldenFile
{
    /// <summary>The environment variable that turns comparing into rewriting.</summary>
    public const string AcceptVariable = "NETGEN_ACCEPT_GOLDEN";

    /// <summary>What the generator's version is replaced with, so that a version bump does not touch every file.</summary>
    public const string VersionToken = "{NetGenVersion}";

    /// <summary>How many changed lines a failure message shows before it stops.</summary>
    private const int MaxDiffLines = 24;

    [GeneratedRegex("""GeneratedCode\("NetGen", "[^"]*"\)""")]
    private static partial Regex GeneratedCodeVersion();

    /// <summary>The generated text as it is stored: the version scrubbed and every line ending a single \n.</summary>
    public static string Normalize(string text) =>
        GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n").Replace('\r', '\n'), $"GeneratedCode(\"NetGen\", \"{VersionToken}\")");

    /// <summary>The path of a golden file in the source tree (not the output folder), found from this file's own path.</summary>
    public static string PathOf(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", name);

    /// <summary>Reads a golden file, normalised like generated text.</summary>
    public static string Read(string name) => Normalize(File.ReadAllText(PathOf(name)));

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file <paramref name="name"/>, or rewrites the file when accepting.</summary>
    public static void AssertMatches(string name, string actual)
    {
        string path = PathOf(name);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        Assert.True(File.Exists(path), $"The golden file {path} does not exist; run the tests once with {AcceptVariable}=1 to create it, then review it.");
        string? mismatch = Compare(path, Read(name), actual);
        if (mismatch is not null) Assert.Fail(mismatch);
    }

    /// <summary>Null when the texts are equal, else the failure message: the file, how to accept, and a line diff.</summary>
    public static string? Compare(string path, string expected, string actual) =>
        expected == actual
            ? null
            : $"The generated code differs from the golden file {path}.\n" +
              $"If the change is intended, run the tests with {AcceptVariable}=1 and review the diff of the golden file.\n" +
              LineDiff(expected, actual);

    /// <summary>
    /// A unified-style diff of two texts: "-" lines only in <paramref name="expected"/>, "+" lines only in
    /// <paramref name="actual"/>, each with its line number, the first <see cref="MaxDiffLines"/> of them.
    /// A longest-common-subsequence alignment keeps one inserted line from marking the rest of the file as changed.
    /// </summary>
    public static string LineDiff(string expected, string actual)
    {
        string[] a = expected.Split('\n'), b = actual.Split('\n');
        // lcs[i, j]: the length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var lines = new List<string>();
        int changes = 0, x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { x++; y++; continue; }
            changes++;
            if (y >= b.Length || (x < a.Length && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                if (lines.Count < MaxDiffLines) lines.Add($"- expected line {x + 1,4}: {a[x]}");
                x++;
            }
            else
            {
                if (lines.Count < MaxDiffLines) lines.Add($"+ actual   line {y + 1,4}: {b[y]}");
                y++;
            }
        }
        if (changes > lines.Count) lines.Add($"... and {changes - lines.Count} more changed lines");
        return $"{changes} changed lines (expected {a.Length} lines, actual {b.Length}):\n" + string.Join("\n", lines);
    }
}
