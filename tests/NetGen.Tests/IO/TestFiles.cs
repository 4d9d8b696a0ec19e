using System;
using System.IO;

namespace NetGen.Tests.IO;

/// <summary>Paths to the repository's shipped data and a scratch folder per test class.</summary>
internal static class TestFiles
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds NetGen.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>samples/Mnist/data, the 8,000 shipped MNIST digits.</summary>
    public static string MnistData => Path.Combine(RepositoryRoot, "samples", "Mnist", "data");

    /// <summary>A shipped MNIST file by name.</summary>
    public static string Mnist(string fileName) => Path.Combine(MnistData, fileName);

    /// <summary>A new empty folder under the system temp folder; delete it with <see cref="ScratchFolder.Dispose"/>.</summary>
    public static ScratchFolder Scratch() => new();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds NetGen.sln; expected the tests to run from the repository.");
    }
}

/// <summary>A temporary folder that deletes itself.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
