using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Stage 1: reads the symbols of one [Network] class into a <see cref="NetworkModel"/> and the declaration errors it can see there.</summary>
internal static class Parser
{
    public const string NetworkAttributeName = "NetGen.NetworkAttribute";
    public const string DenseAttributeName = "NetGen.DenseAttribute";

    /// <summary>The names of the members the emitter writes into the class; a user member with one of them is an error (NG0011).</summary>
    public static readonly IReadOnlyCollection<string> GeneratedMemberNames = new HashSet<string>
    {
        "InputCount", "OutputCount", "ParameterCount", "Parameters", "Spec", "InitializeParameters",
        "Forward", "Backward", "Step", "TrainBatch", "_parameters", "Accumulate", "OutputCost",
        "ParallelBatchThreshold", "MaxDegreeOfParallelism", "_scratch", "_accumulateWorker", "AccumulateWorker", "Scratch",
        "AccumulateRows", "AccumulateLanes", "OutputCostLanes",
        "NewParameters",
    };

    /// <summary>True for a name the emitter writes: one of <see cref="GeneratedMemberNames"/>, or a per-layer method
    /// (ForwardLayer1, BackwardLayer2, ...), whatever the number of layers, so that the rule does not depend on the layer count.</summary>
    public static bool IsGeneratedMemberName(string name) =>
        GeneratedMemberNames.Contains(name) || IsLayerMethodName(name, "ForwardLayer") || IsLayerMethodName(name, "BackwardLayer")
        || (name.EndsWith("Lanes", System.StringComparison.Ordinal) && IsGeneratedMemberName(name.Substring(0, name.Length - "Lanes".Length)));

    private static bool IsLayerMethodName(string name, string prefix) =>
        name.Length > prefix.Length && name.StartsWith(prefix, System.StringComparison.Ordinal) && name.Skip(prefix.Length).All(c => c is >= '0' and <= '9');

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode; // a class or a record (NG0016)
        string name = type.Name;
        LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        AttributeData network = context.Attributes[0];
        LocationInfo? networkLocation = LocationInfo.From(network.ApplicationSyntaxReference?.GetSyntax(cancellationToken)) ?? classLocation;

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax part && !part.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, LocationInfo.From(part.Identifier.GetLocation()), name));
                break;
            }
        }
        if (type.IsRecord)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, classLocation, name));
        if (type.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticClass, classLocation, name));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedClass, classLocation, name));
        if (type.TypeParameters.Length > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericClass, classLocation, name));

        int inputs = 0;
        var loss = LossKind.SquaredError;
        var precision = PrecisionKind.Single;
        foreach (KeyValuePair<string, TypedConstant> argument in network.NamedArguments)
        {
            if (argument.Value.Value is not int value) continue;
            switch (argument.Key)
            {
                case "Inputs":
                    inputs = value;
                    break;
                case "Loss" when value is >= (int)LossKind.SquaredError and <= (int)LossKind.CrossEntropy:
                    loss = (LossKind)value;
                    break;
                case "Loss":
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedLoss, networkLocation, name, value));
                    break;
                case "Precision" when value is >= (int)PrecisionKind.Single and <= (int)PrecisionKind.Double:
                    precision = (PrecisionKind)value;
                    break;
                case "Precision":
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedPrecision, networkLocation, name, value));
                    break;
            }
        }
        if (inputs <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputs, networkLocation, name, inputs));

        var layers = new List<LayerModel>();
        string previous = "input";
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass?.ToDisplayString() != DenseAttributeName) continue;
            SyntaxNode? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            LocationInfo? location = LocationInfo.From(syntax) ?? classLocation;
            if (syntax is null || syntax.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(syntax.Span))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersInSeveralDeclarations, location, name));
                continue;
            }
            // A Dense attribute with the wrong arguments is already a compiler error; it adds no layer.
            if (attribute.ConstructorArguments.Length != 2
                || attribute.ConstructorArguments[0].Value is not int size
                || attribute.ConstructorArguments[1].Value is not int activation)
                continue;

            int number = layers.Count + 1;
            if (activation is < (int)ActivationKind.Identity or > (int)ActivationKind.Softmax)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedActivation, location, number, name, activation));
            string layerName = "layer" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            layers.Add(new LayerModel(layerName, size, (ActivationKind)activation, new[] { previous }.ToEquatableArray(), location));
            previous = layerName;
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || !IsGeneratedMemberName(member.Name)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameConflict,
                LocationInfo.From(member.Locations.FirstOrDefault()) ?? classLocation, name, member.Name));
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var model = new NetworkModel(
            ns,
            name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            precision,
            new[] { new InputModel("input", inputs) }.ToEquatableArray(),
            layers.ToEquatableArray(),
            new[] { new OutputModel(previous, loss, 1.0) }.ToEquatableArray(),
            networkLocation);
        return new ParseResult(model, diagnostics.ToEquatableArray());
    }
}
