using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Text;
using NetGen.Generator.Validation;

namespace NetGen.Generator;

/// <summary>
/// The NetGen source generator: for every class with [Network], parse (symbols → declaration), validate (declaration →
/// diagnostics and a location-free model), plan and emit the network's forward pass, backward pass and training step as
/// plain C#. Diagnostics and source are separate outputs, so a moved declaration re-reports its diagnostics without
/// running the emitter again.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetGenGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for incremental-generation tests.</summary>
    public static class Steps
    {
        /// <summary>Symbols to declaration, with the declaration's own diagnostics.</summary>
        public const string Parse = "Parse";
        /// <summary>Declaration checks: the diagnostics and the model to emit.</summary>
        public const string Validate = "Validate";
        /// <summary>The location-free models that are emitted.</summary>
        public const string Model = "Model";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ValidationResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Network,
                // Records too, so that [Network] on one is reported (NG0016) rather than silently ignored.
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                NetworkParser.Parse)
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
            spc.AddSource(HintNames.For(model), SourceText.From(NetworkEmitter.Emit(model), Encoding.UTF8)));
    }
}
