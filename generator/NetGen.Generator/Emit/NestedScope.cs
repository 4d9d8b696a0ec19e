namespace NetGen.Generator.Emit;

/// <summary>Several writer scopes (nested blocks: loops over o, y, x) closed together, innermost first.</summary>
internal sealed class NestedScope(params System.IDisposable[] scopes) : System.IDisposable
{
    public void Dispose()
    {
        for (int i = scopes.Length - 1; i >= 0; i--) scopes[i].Dispose();
    }
}
