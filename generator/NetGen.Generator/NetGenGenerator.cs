using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Validation;

namespace NetGen.Generator;

/// <summary>
/// The NetGen source generator: for every class with [Network], parse (symbols → model), validate, and emit the
/// network's forward pass, backward pass and gradient-descent step as plain C#.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetGenGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for incremental-generation tests.</summary>
    public static class Steps
    {
        /// <summary>Symbols to model and declaration diagnostics.</summary>
        public const string Parse = "Parse";
        /// <summary>Model checks.</summary>
        public const string Validate = "Validate";
        /// <summary>The models that are emitted.</summary>
        public const string Model = "Model";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Parser.NetworkAttributeName,
                // Records too, so that [Network] on one is reported (NG0016) rather than silently ignored.
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                Parser.Parse)
            .WithTrackingName(Steps.Parse)
            .Select(Validator.Validate)
            .WithTrackingName(Steps.Validate);

        context.RegisterSourceOutput(results.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (DiagnosticInfo diagnostic in diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        IncrementalValuesProvider<NetworkModel> models = results
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(Steps.Model);

        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource(Emitter.HintName(model), SourceText.From(Emitter.Emit(model), Encoding.UTF8)));
    }
}
