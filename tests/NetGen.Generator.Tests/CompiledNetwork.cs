using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// A generator run's output compiled to an assembly and loaded into a collectible context, so that a test can run the
/// generated network through INetwork&lt;T&gt; (NetGen itself resolves to the test's own copy, so the interface is the same type).
/// </summary>
internal sealed class CompiledNetwork : IDisposable
{
    private readonly AssemblyLoadContext _context;

    public CompiledNetwork(GeneratorRun run)
    {
        using var stream = new MemoryStream();
        EmitResult emit = run.Output.Emit(stream);
        Assert.True(emit.Success, "The generated code does not compile:\n" + GeneratorHarness.Describe(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        _context = new AssemblyLoadContext("NetGenTest" + Guid.NewGuid().ToString("N"), isCollectible: true);
        Assembly = _context.LoadFromStream(stream);
    }

    public Assembly Assembly { get; }

    /// <summary>A new instance of the class called <paramref name="fullName"/>.</summary>
    public object Create(string fullName) =>
        Activator.CreateInstance(Assembly.GetType(fullName, throwOnError: true)!)!;

    public void Dispose() => _context.Unload();
}
