using System.Globalization;
using System.Net;
using System.Text;
using Graph.Api.Common;

namespace Graph.Api.Billing;

/// <summary>An invoice as a printable, self-contained HTML page (print CSS, no outside resource), in French or English; every
/// value from the database is HTML-encoded.</summary>
public static class InvoiceDocument
{
    private sealed record Words(string Invoice, string CreditNote, string Number, string Date, string Buyer, string Wallet, string Corrects,
        string Description, string Quantity, string UnitPrice, string TaxRate, string Net, string Tax, string Total, string Subtotal, string TaxIncluded, string Seller);

    private static readonly Words French = new("Facture", "Avoir", "Numéro", "Date", "Client", "Portefeuille", "Annule la facture",
        "Désignation", "Qté", "Prix unitaire HT", "TVA", "Montant HT", "TVA", "Total TTC", "Total HT", "Prix TTC, TVA incluse.", "Vendeur");

    private static readonly Words English = new("Invoice", "Credit note", "Number", "Date", "Customer", "Wallet", "Cancels invoice",
        "Description", "Qty", "Unit price excl. VAT", "VAT", "Net", "VAT", "Total incl. VAT", "Subtotal", "Prices include VAT.", "Seller");

    /// <summary>The page of <paramref name="invoice"/> (its lines loaded) in <paramref name="language"/> ("fr" or "en").</summary>
    public static string Html(Invoice invoice, string? correctsNumber, BillingOptions seller, string language)
    {
        var english = language == "en";
        var w = english ? English : French;
        // The server may run without culture data (invariant globalization): the separators are set here.
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        if (!english)
        {
            culture.NumberFormat.NumberGroupSeparator = "\u202F";
            culture.NumberFormat.NumberDecimalSeparator = ",";
        }
        string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        string M(decimal amount) => E(Format(amount, invoice.Currency, culture));
        var title = $"{(invoice.Kind == InvoiceKind.Invoice ? w.Invoice : w.CreditNote)} {invoice.Number}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(english ? "en" : "fr").Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:Helvetica,Arial,sans-serif;color:#222;margin:2rem auto;max-width:48rem}h1{font-size:1.6rem;margin:0 0 1rem}")
            .Append("table{width:100%;border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}")
            .Append("td.n,th.n{text-align:right}.parties{display:flex;justify-content:space-between}.totals td{border:none}")
            .Append("@media print{body{margin:0;max-width:none}@page{size:A4;margin:18mm}a{color:inherit;text-decoration:none}}\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(E(title)).Append("</h1>\n<div class=\"parties\">\n<div><strong>").Append(E(w.Seller)).Append("</strong><br>")
            .Append(E(seller.SellerName)).Append("<br>").Append(E(seller.SellerAddress));
        if (seller.SellerTaxId.Length > 0)
        {
            html.Append("<br>").Append(E(seller.SellerTaxId));
        }
        html.Append("</div>\n<div><strong>").Append(E(w.Buyer)).Append("</strong><br>").Append(E(invoice.BuyerName));
        if (invoice.BuyerWallet is not null)
        {
            html.Append("<br>").Append(E(w.Wallet)).Append(" : ").Append(E(invoice.BuyerWallet));
        }
        html.Append("</div>\n</div>\n<p>").Append(E(w.Number)).Append(" : ").Append(E(invoice.Number)).Append("<br>").Append(E(w.Date)).Append(" : ")
            .Append(E(invoice.IssuedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (correctsNumber is not null)
        {
            html.Append("<br>").Append(E(w.Corrects)).Append(" ").Append(E(correctsNumber));
        }
        html.Append("</p>\n<table>\n<thead><tr><th>").Append(E(w.Description)).Append("</th><th class=\"n\">").Append(E(w.Quantity))
            .Append("</th><th class=\"n\">").Append(E(w.UnitPrice)).Append("</th><th class=\"n\">").Append(E(w.TaxRate))
            .Append("</th><th class=\"n\">").Append(E(w.Net)).Append("</th><th class=\"n\">").Append(E(w.Tax)).Append("</th><th class=\"n\">").Append(E(w.Total))
            .Append("</th></tr></thead>\n<tbody>\n");
        foreach (var line in invoice.Lines.OrderBy(l => l.Position))
        {
            html.Append("<tr><td>").Append(E(line.Description)).Append("</td><td class=\"n\">").Append(line.Quantity.ToString(culture))
                .Append("</td><td class=\"n\">").Append(M(line.UnitPriceAmount)).Append("</td><td class=\"n\">").Append(E((line.TaxRate * 100).ToString("0.##", culture)))
                .Append(" %</td><td class=\"n\">").Append(M(line.NetAmount)).Append("</td><td class=\"n\">").Append(M(line.TaxAmount))
                .Append("</td><td class=\"n\">").Append(M(line.TotalAmount)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n<table class=\"totals\">\n")
            .Append("<tr><td class=\"n\">").Append(E(w.Subtotal)).Append("</td><td class=\"n\">").Append(M(invoice.SubtotalAmount)).Append("</td></tr>\n")
            .Append("<tr><td class=\"n\">").Append(E(w.Tax)).Append("</td><td class=\"n\">").Append(M(invoice.TaxAmount)).Append("</td></tr>\n")
            .Append("<tr><td class=\"n\"><strong>").Append(E(w.Total)).Append("</strong></td><td class=\"n\"><strong>").Append(M(invoice.TotalAmount)).Append("</strong></td></tr>\n")
            .Append("</table>\n<p>").Append(E(w.TaxIncluded)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>An amount with its currency's decimals, in the document's language.</summary>
    public static string Format(decimal amount, Currency currency, CultureInfo culture) =>
        $"{amount.ToString("N" + Money.MinorUnits(currency), culture)} {currency}";
}
