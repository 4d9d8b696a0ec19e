using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen;
using NetGen.IO;
using NetGen.Reporting;
using NetGen.Samples.Mnist;
using NetGen.Training;

// Handwritten digits: trains a generated network on MNIST, saves its weights (safetensors) and a plot of the run,
// and evaluates saved weights on any IDX image/label pair. `mnist` alone trains with the defaults.
string dataFolder = Path.Combine(AppContext.BaseDirectory, "data");

var modelOption = new Option<string>("--model")
{
    Description = "sigmoid: 784-16-16-10 sigmoid, squared error (the lessons' network); softmax: 784-100-10 sigmoid/softmax, cross-entropy.",
    DefaultValueFactory = _ => Models.Sigmoid.Name,
};
modelOption.AcceptOnlyFromAmong(Models.All.Select(m => m.Name).ToArray());
var epochsOption = new Option<int?>("--epochs") { Description = "Passes over the training digits (default: the model's)." };
var learningRateOption = new Option<double?>("--learning-rate") { Description = "Step size η (default: the model's)." };
var batchSizeOption = new Option<int?>("--batch-size") { Description = "Digits per gradient step (default: the model's)." };
epochsOption.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1 and int n) r.AddError($"--epochs is {n}; expected 1 or more."); });
batchSizeOption.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1 and int n) r.AddError($"--batch-size is {n}; expected 1 or more."); });
learningRateOption.Validators.Add(r =>
{
    if (r.GetValueOrDefault<double?>() is double x && !(x > 0 && double.IsFinite(x)))
        r.AddError(string.Create(CultureInfo.InvariantCulture, $"--learning-rate is {x:R}; expected a positive, finite number."));
});
var seedOption = new Option<int>("--seed") { Description = "Seed of the initial weights and of the shuffles.", DefaultValueFactory = _ => 1 };
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
train.SetAction(parse => Run(() => Train(
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
evaluate.SetAction(parse => Run(() => Evaluate(
    parse.GetValue(weightsOption)!, parse.GetValue(imagesOption)!, parse.GetValue(labelsOption)!,
    parse.GetValue(evaluateModelOption), parse.GetValue(predictionsOption))));

var root = new RootCommand("NetGen MNIST sample: a generated network learns handwritten digits. Without arguments: train with the defaults.")
{
    train, evaluate,
};
return root.Parse(args.Length == 0 ? ["train"] : args).Invoke();

static int Run(Func<int> command)
{
    try
    {
        return command();
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine("cancelled");
        return 130;
    }
    catch (ArgumentException e)
    {
        // The message without the " (Parameter 'x')" suffix, which says nothing more on a command line.
        string message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
        Console.Error.WriteLine("error: " + message.Split('\n')[0]);
        return 1;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine("error: " + e.Message);
        return 1;
    }
}

static int Train(Model model, int? epochs, double? learningRate, int? batchSize, int seed, string outPath, string plotPath,
    ProgressMode progress, string trainImages, string trainLabels, string testImages, string testLabels)
{
    var options = new TrainerOptions
    {
        Epochs = epochs ?? model.Epochs,
        LearningRate = learningRate ?? model.LearningRate,
        BatchSize = batchSize ?? model.BatchSize,
        Seed = seed,
    };
    options.Validate();
    DataSet<float> training = Mnist.Load<float>(trainImages, trainLabels);
    DataSet<float> test = Mnist.Load<float>(testImages, testLabels);
    INetwork<float> network = model.Create();
    network.InitializeParameters(seed);

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{model.Name}: {network.Spec}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{training.Count} training digits, {test.Count} test digits; {options.Epochs} epochs, batch size {options.BatchSize}, learning rate {options.LearningRate:R}, seed {options.Seed}"));

    using var cancel = new CancellationTokenSource();
    ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
    Console.CancelKeyPress += onCancel;
    var clock = Stopwatch.StartNew();
    IReadOnlyList<EpochReport> reports;
    try
    {
        var trainer = new Trainer<float>(network, options);
        reports = TrainingConsole.Run(observer => trainer.Train(training, test, observer, cancel.Token), progress);
    }
    finally
    {
        Console.CancelKeyPress -= onCancel;
    }
    clock.Stop();

    Evaluation final = reports[^1].Evaluation!.Value;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {final.Accuracy:F4} ({final.Correct}/{final.Count})"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained in {clock.Elapsed.TotalSeconds:F1} s"));

    Safetensors.Save(network, outPath, new Dictionary<string, string>
    {
        ["netgen.model"] = model.Name,
        ["netgen.epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
        ["netgen.test_accuracy"] = final.Accuracy.ToString("R", CultureInfo.InvariantCulture),
    });
    Console.WriteLine($"wrote {outPath}");
    TrainingPlot.SavePng(reports, plotPath,
        string.Create(CultureInfo.InvariantCulture, $"MNIST {model.Title}: test accuracy {final.Accuracy * 100:F1}%"));
    Console.WriteLine($"wrote {plotPath}");
    return 0;
}

static int Evaluate(string weights, string images, string labels, string? modelName, string? predictionsPath)
{
    DataSet<float> data = Mnist.Load<float>(images, labels);
    INetwork<float> network = LoadWeights(weights, modelName);
    Evaluation result = Trainer<float>.Evaluate(network, data);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {result.Accuracy:F4} ({result.Correct}/{result.Count})"));
    if (predictionsPath is not null)
    {
        int[] predictions = Trainer<float>.Predict(network, data);
        WriteAllLinesAtomically(predictionsPath, predictions.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        Console.WriteLine($"wrote {predictionsPath}");
    }
    return 0;
}

// Loads the weights into the named model, or into the first model whose tensors they fit.
static INetwork<float> LoadWeights(string path, string? modelName)
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
            mismatches.Add($"{model.Name}: {e.Message}");
        }
    }
    throw new ArgumentException($"'{path}' fits none of the models; expected the weights of one of them.{Environment.NewLine}  " +
        string.Join(Environment.NewLine + "  ", mismatches), "--weights");
}

static void WriteAllLinesAtomically(string path, IEnumerable<string> lines)
{
    string fullPath = Path.GetFullPath(path);
    string temporary = Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
    try
    {
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, fullPath, overwrite: true);
    }
    catch
    {
        File.Delete(temporary);
        throw;
    }
}

/// <summary>A network the sample can train, with the defaults that train it well in well under a minute.</summary>
internal sealed record Model(string Name, string Title, Func<INetwork<float>> Create, int Epochs, double LearningRate, int BatchSize);

/// <summary>The sample's two networks.</summary>
internal static class Models
{
    public static readonly Model Sigmoid = new("sigmoid", "784-16-16-10 sigmoid", () => new MnistNet(), Epochs: 30, LearningRate: 3.0, BatchSize: 20);
    public static readonly Model Softmax = new("softmax", "784-100-10 softmax", () => new MnistSoftmaxNet(), Epochs: 15, LearningRate: 1.0, BatchSize: 10);
    public static readonly Model[] All = [Sigmoid, Softmax];

    public static Model Find(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"--model is '{name}'; expected {string.Join(" or ", All.Select(m => m.Name))}.", "--model");
}
