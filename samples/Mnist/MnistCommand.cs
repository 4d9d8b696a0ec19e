using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen.IO;
using NetGen.Reporting;
using NetGen.Training;

namespace NetGen.Samples.Mnist;

/// <summary>
/// The <c>mnist</c> command line: trains a generated network on MNIST, saves its weights (safetensors) and a plot of the
/// run, and evaluates saved weights on any IDX image/label pair. <c>mnist</c> alone trains with the defaults.
/// </summary>
/// <remarks>
/// Every user error — an option value that does not parse or is out of range, an unknown option, a missing, unreadable
/// or corrupt data or weights file, a learning rate the network cannot take, a run that diverges — is one line
/// <c>error: …</c> on standard error and exit code 1, with no stack trace; a run that diverges writes no weights.
/// </remarks>
public static class MnistCommand
{
    /// <summary>Runs the command line <paramref name="args"/>, writing results to <paramref name="stdout"/> and errors to <paramref name="stderr"/>.</summary>
    /// <returns>0 on success, 1 for a user error, 130 when cancelled (Ctrl+C).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string dataFolder = Path.Combine(AppContext.BaseDirectory, "data");

        var modelOption = new Option<string>("--model")
        {
            Description = "sigmoid: 784-16-16-10 sigmoid, squared error (the lessons' network); softmax: 784-100-10 sigmoid/softmax, cross-entropy.",
            DefaultValueFactory = _ => Models.Sigmoid.Name,
        };
        modelOption.AcceptOnlyFromAmong(Models.All.Select(m => m.Name).ToArray());
        var epochsOption = new Option<int?>("--epochs") { Description = "Passes over the training digits (default: the model's).", CustomParser = r => ParseInt(r, "--epochs") };
        var learningRateOption = new Option<double?>("--learning-rate") { Description = "Step size η (default: the model's).", CustomParser = ParseLearningRate };
        var batchSizeOption = new Option<int?>("--batch-size") { Description = "Digits per gradient step (default: the model's).", CustomParser = r => ParseInt(r, "--batch-size") };
        var seedOption = new Option<int>("--seed")
        {
            Description = "Seed of the initial weights and of the shuffles.",
            DefaultValueFactory = _ => 1,
            CustomParser = r => ParseInt(r, "--seed", minimum: int.MinValue) ?? 1,
        };
        var outOption = new Option<string>("--out") { Description = "Where to save the weights.", DefaultValueFactory = _ => "mnist.safetensors" };
        var plotOption = new Option<string>("--plot") { Description = "Where to save the PNG plot of cost and accuracy per epoch.", DefaultValueFactory = _ => "mnist-training.png" };
        var progressOption = new Option<ProgressMode>("--progress") { Description = "Auto (a live bar on a terminal, lines when redirected), Live, Plain or Quiet.", DefaultValueFactory = _ => ProgressMode.Auto };
        var trainImagesOption = new Option<string>("--train-images") { Description = "IDX training images (plain or .gz).", DefaultValueFactory = _ => Path.Combine(dataFolder, "train-images-idx3-ubyte.gz") };
        var trainLabelsOption = new Option<string>("--train-labels") { Description = "IDX training labels (plain or .gz).", DefaultValueFactory = _ => Path.Combine(dataFolder, "train-labels-idx1-ubyte.gz") };
        var testImagesOption = new Option<string>("--test-images") { Description = "IDX test images (plain or .gz).", DefaultValueFactory = _ => Path.Combine(dataFolder, "test-images-idx3-ubyte.gz") };
        var testLabelsOption = new Option<string>("--test-labels") { Description = "IDX test labels (plain or .gz).", DefaultValueFactory = _ => Path.Combine(dataFolder, "test-labels-idx1-ubyte.gz") };

        var train = new Command("train", "Train on the training digits, report test accuracy per epoch, save the weights and a plot.")
        {
            modelOption, epochsOption, learningRateOption, batchSizeOption, seedOption, outOption, plotOption, progressOption,
            trainImagesOption, trainLabelsOption, testImagesOption, testLabelsOption,
        };
        train.SetAction(parse => Guarded(stderr, () => Train(stdout,
            Models.Find(parse.GetValue(modelOption)!),
            parse.GetValue(epochsOption), parse.GetValue(learningRateOption), parse.GetValue(batchSizeOption), parse.GetValue(seedOption),
            parse.GetValue(outOption)!, parse.GetValue(plotOption)!, parse.GetValue(progressOption),
            parse.GetValue(trainImagesOption)!, parse.GetValue(trainLabelsOption)!, parse.GetValue(testImagesOption)!, parse.GetValue(testLabelsOption)!)));

        var weightsOption = new Option<string>("--weights") { Description = "A safetensors file saved by `train` (or by PyTorch with the same names and shapes).", Required = true };
        var imagesOption = new Option<string>("--images") { Description = "IDX images (plain or .gz).", DefaultValueFactory = _ => Path.Combine(dataFolder, "test-images-idx3-ubyte.gz") };
        var labelsOption = new Option<string>("--labels") { Description = "IDX labels (plain or .gz).", DefaultValueFactory = _ => Path.Combine(dataFolder, "test-labels-idx1-ubyte.gz") };
        var evaluateModelOption = new Option<string?>("--model") { Description = "sigmoid or softmax (default: whichever the weights fit)." };
        evaluateModelOption.AcceptOnlyFromAmong(Models.All.Select(m => m.Name).ToArray());
        var predictionsOption = new Option<string?>("--predictions") { Description = "Also write the predicted digit of every image, one per line, to this file." };

        var evaluate = new Command("evaluate", "Classify IDX digits with saved weights and print the accuracy.")
        {
            weightsOption, imagesOption, labelsOption, evaluateModelOption, predictionsOption,
        };
        evaluate.SetAction(parse => Guarded(stderr, () => Evaluate(stdout,
            parse.GetValue(weightsOption)!, parse.GetValue(imagesOption)!, parse.GetValue(labelsOption)!,
            parse.GetValue(evaluateModelOption), parse.GetValue(predictionsOption))));

        var root = new RootCommand("NetGen MNIST sample: a generated network learns handwritten digits. Without arguments: train with the defaults.")
        {
            train, evaluate,
        };

        ParseResult parsed = root.Parse(args.Length == 0 ? ["train"] : args);
        if (parsed.Errors.Count > 0)
        {
            // One line for every parse error (a value that does not parse, an unknown option, a missing one), instead
            // of the library's errors followed by the whole help text.
            stderr.WriteLine("error: " + string.Join("; ", parsed.Errors.Select(e => OneLine(e.Message).TrimEnd('.'))) + ".");
            return 1;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Parses a whole number of at least <paramref name="minimum"/>, or reports one error line naming the option.</summary>
    private static int? ParseInt(ArgumentResult result, string option, int minimum = 1)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            result.AddError($"{option} is '{text}'; expected a whole number{(minimum == 1 ? " of 1 or more" : "")}.");
            return null;
        }
        if (value < minimum)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option} is {value}; expected 1 or more."));
            return null;
        }
        return value;
    }

    private static double? ParseLearningRate(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            result.AddError($"--learning-rate is '{text}'; expected a positive, finite number such as 0.5.");
            return null;
        }
        if (!(value > 0 && double.IsFinite(value)))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"--learning-rate is {value:R}; expected a positive, finite number."));
            return null;
        }
        return value;
    }

    /// <summary>Runs a command; a user error becomes one <c>error:</c> line and exit code 1.</summary>
    private static int Guarded(TextWriter stderr, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return 130;
        }
        catch (TrainingDivergedException e)
        {
            stderr.WriteLine("error: " + OneLine(e.Message) + " No weights were written.");
            return 1;
        }
        catch (ArgumentException e)
        {
            // The message without the " (Parameter 'x')" suffix and ArgumentOutOfRangeException's "Actual value was"
            // line, which say nothing more on a command line.
            string message = e.Message.Split('\n')[0].TrimEnd();
            if (e.ParamName is not null) message = message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            stderr.WriteLine("error: " + OneLine(message));
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine("error: " + OneLine(e.Message));
            return 1;
        }
    }

    /// <summary>A message on one line: its lines joined by spaces.</summary>
    private static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int Train(TextWriter stdout, Model model, int? epochs, double? learningRate, int? batchSize, int seed, string outPath,
        string plotPath, ProgressMode progress, string trainImages, string trainLabels, string testImages, string testLabels)
    {
        var options = new TrainerOptions
        {
            Epochs = epochs ?? model.Epochs,
            LearningRate = learningRate ?? model.LearningRate,
            BatchSize = batchSize ?? model.BatchSize,
            Seed = seed,
        };
        options.Validate();
        INetwork<float> network = model.Create();
        var trainer = new Trainer<float>(network, options);   // refuses a learning rate that overflows float
        DataSet<float> training = NetGen.IO.Mnist.Load<float>(trainImages, trainLabels);
        DataSet<float> test = NetGen.IO.Mnist.Load<float>(testImages, testLabels);
        network.InitializeParameters(seed);

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name}: {network.Spec}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{training.Count} training digits, {test.Count} test digits; {options.Epochs} epochs, batch size {options.BatchSize}, learning rate {options.LearningRate:R}, seed {options.Seed}"));

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<EpochReport> reports;
        try
        {
            reports = TrainingConsole.Run(observer => trainer.Train(training, test, observer, cancel.Token), progress, stdout);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        clock.Stop();

        Evaluation final = reports[^1].Evaluation!.Value;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {final.Accuracy:F4} ({final.Correct}/{final.Count})"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained in {clock.Elapsed.TotalSeconds:F1} s"));

        Safetensors.Save(network, outPath, new Dictionary<string, string>
        {
            ["netgen.model"] = model.Name,
            ["netgen.epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["netgen.test_accuracy"] = final.Accuracy.ToString("R", CultureInfo.InvariantCulture),
        });
        stdout.WriteLine($"wrote {outPath}");
        TrainingPlot.SavePng(reports, plotPath,
            string.Create(CultureInfo.InvariantCulture, $"MNIST {model.Title}: test accuracy {final.Accuracy * 100:F1}%"));
        stdout.WriteLine($"wrote {plotPath}");
        return 0;
    }

    private static int Evaluate(TextWriter stdout, string weights, string images, string labels, string? modelName, string? predictionsPath)
    {
        DataSet<float> data = NetGen.IO.Mnist.Load<float>(images, labels);
        INetwork<float> network = LoadWeights(weights, modelName);
        Evaluation result = Trainer<float>.Evaluate(network, data);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {result.Accuracy:F4} ({result.Correct}/{result.Count})"));
        if (predictionsPath is not null)
        {
            int[] predictions = Trainer<float>.Predict(network, data);
            WriteAllLinesAtomically(predictionsPath, predictions.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            stdout.WriteLine($"wrote {predictionsPath}");
        }
        return 0;
    }

    // Loads the weights into the named model, or into the first model whose tensors they fit.
    private static INetwork<float> LoadWeights(string path, string? modelName)
    {
        if (modelName is not null)
        {
            INetwork<float> network = Models.Find(modelName).Create();
            Safetensors.Load(network, path);
            return network;
        }
        var mismatches = new List<string>();
        foreach (Model model in Models.All)
        {
            INetwork<float> network = model.Create();
            try
            {
                Safetensors.Load(network, path);
                return network;
            }
            catch (ArgumentException e)
            {
                mismatches.Add($"{model.Name}: {e.Message.Replace(" (Parameter 'network')", "", StringComparison.Ordinal)}");
            }
        }
        throw new ArgumentException($"'{path}' fits none of the models ({string.Join("; ", mismatches)}); expected the weights of one of them.", "--weights");
    }

    private static void WriteAllLinesAtomically(string path, IEnumerable<string> lines)
    {
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            File.WriteAllLines(temporary, lines);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new IOException($"Cannot write '{path}': {e.Message.Replace(temporary, fullPath, StringComparison.Ordinal)}", e);
        }
    }
}
