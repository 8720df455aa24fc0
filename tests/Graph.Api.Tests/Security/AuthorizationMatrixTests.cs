using Graph.GraphQL.Types.Relay;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Data.Seed;
using Graph.Api.Identity;
using Graph.Api.Common;
using Graph.Api.Notifications;
using Graph.Api.Payments;
using Graph.Api.Deliveries;
using Graph.Api.Tontines;
using Graph.GraphQL.Subscriptions;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.GraphQL.Streaming;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Security;

/// <summary>
/// Who may call each root field of the schema: every row of <see cref="Rows"/> is called by every caller (nobody signed
/// in, then the demo account of each platform role) against the seeded server. A denied call gets the field null, the
/// error code for the reason and no row changed in any table; a permitted one gets no error. A root field without a row
/// fails <see cref="Every_root_field_has_a_row"/>: adding a field means adding its row here, in order of key.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Server server) : IClassFixture<AuthorizationMatrixTests.Server>
{
    private const string Admin = PlatformRoles.AdminName;
    private const string Author = PlatformRoles.AuthorName;
    private const string Analyst = PlatformRoles.AnalystName;
    private const string Buyer = PlatformRoles.BuyerName;
    private const string CooperativeManager = PlatformRoles.CooperativeManagerName;
    private const string Finance = PlatformRoles.FinanceName;
    private const string Reader = PlatformRoles.ReaderName;
    private const string Support = PlatformRoles.SupportName;

    private const string AddBook = "mutation($input: AddBookInput!) { addBook(input: $input) { book { id } errors { __typename } } }";

    private static object AddBookVariables(MatrixSeed seed) => new
    {
        input = new { title = "Matrice " + seed.Unique(), authorId = seed.AuthorId, language = "fr", price = new { amount = 2500, currency = "XOF" } },
    };

    private static object RecordCashPaymentVariables(MatrixSeed seed) => new
    {
        input = new
        {
            purpose = "TONTINE_CONTRIBUTION",
            amount = new { amount = 5000, currency = "XOF" },
            tontineId = seed.TontineId,
            description = "Cotisation en espèces",
            idempotencyKey = "matrice-" + seed.Unique(),
            proof = new { reference = "RECU-" + seed.Unique() },
        },
    };

    private const string UpdateReadingProgress =
        "mutation($input: UpdateReadingProgressInput!) { updateReadingProgress(input: $input) { progress { position } errors { __typename } } }";

    private static object UpdateReadingProgressVariables(MatrixSeed seed) => new
    {
        input = new { bookId = seed.BookId, position = "matrice-" + seed.Unique(), percent = 10m, deviceId = "matrice", clientUpdatedAt = DateTime.UtcNow },
    };

    /// <summary>Who sees a cooperative's rows: ADMIN, SUPPORT, FINANCE, ANALYST and its manager (the cooperative manager's
    /// demo account manages the matrix's cooperative); any other caller gets null.</summary>
    private static Access CooperativeRows => Access.Everyone.With(Outcome.PermitWithRowRule,
        Callers.All.Where(c => c is not (Admin or Support or Finance or Analyst or CooperativeManager)).ToArray());

    /// <summary>A missing node's field: null for every signed-in caller.</summary>
    private static Access NobodyFinds => Access.SignedIn.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c != Callers.Anonymous).ToArray());

    private static object MissingMoney => new { amount = 1800, currency = "XOF" };

    /// <summary>The global ID of a <paramref name="typeName"/> that does not exist.</summary>
    private static string MissingNode(string typeName) => new DefaultNodeIdSerializer().Format(typeName, Guid.NewGuid());

    private static MatrixRow Row(string key, string document, Access access, Func<MatrixSeed, object?>? variables = null) =>
        new(key, document, variables ?? (_ => null), access);

    private static MatrixRow NodeRow(string typeName, Access access) =>
        Row($"Query.node({typeName})", "query($id: ID!) { node(id: $id) { __typename id } }", access,
            s => new { id = s.IdOf(typeName) });

    private static MatrixRow NodesRow(string typeName, Access access) =>
        Row($"Query.nodes({typeName})", "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", access,
            s => new { ids = new[] { s.IdOf(typeName) } });

    /// <summary>The matrix, one row per root field (per node type for node and nodes), sorted by key.</summary>
    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        Row("Mutation.addAuthor", "mutation($input: AddAuthorInput!) { addAuthor(input: $input) { author { id } errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { name = "Auteur " + s.Unique(), countryCode = "SN" } }),
        Row("Mutation.addBook", AddBook, Access.Roles(Admin, Author), AddBookVariables),
        Row("Mutation.addCategory", "mutation($input: AddCategoryInput!) { addCategory(input: $input) { category { id } errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { slug = "matrice-" + s.Unique().Replace("-", "", StringComparison.Ordinal), name = "Matrice" } }),
        // The registry's writes name a row that does not exist: *_NOT_FOUND, a payload error.
        Row("Mutation.addCooperativeManager", "mutation($input: CooperativeManagerInput!) { addCooperativeManager(input: $input) { errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { cooperativeId = MissingNode("Cooperative"), userId = s.UserId } }),
        Row("Mutation.addPublisher", "mutation($input: AddPublisherInput!) { addPublisher(input: $input) { publisher { id } errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { name = "Éditions " + s.Unique(), countryCode = "SN" } }),
        Row("Mutation.addTontineMember", "mutation($input: AddTontineMemberInput!) { addTontineMember(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId, userId = s.UserId, role = "MEMBER" } }),
        Row("Mutation.buyBook", "mutation($input: BuyBookInput!) { buyBook(input: $input) { payment { id } errors { __typename } } }", Access.SignedIn,
            s => new { input = new { bookId = new DefaultNodeIdSerializer().Format("Book", Guid.NewGuid()), method = "WAVE", walletNumber = "+221771234567", idempotencyKey = "matrice-" + s.Unique() } }),
        Row("Mutation.cancelPayment", "mutation($input: CancelPaymentInput!) { cancelPayment(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { paymentId = new DefaultNodeIdSerializer().Format("Payment", Guid.NewGuid()) } }),
        Row("Mutation.cancelSubscription", "mutation($input: CancelSubscriptionInput!) { cancelSubscription(input: $input) { errors { __typename } } }", Access.SignedIn,
            s => new { input = new { subscriptionId = s.ReaderSubscriptionId } }),
        Row("Mutation.changePassword", "mutation($input: ChangePasswordInput!) { changePassword(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { currentPassword = "not-the-password-1", newPassword = "baobab-de-kaolack-1960" } }),
        // The money of a tontine: every signed-in caller reaches the mutation; roles in the tontine are payload errors
        // (a session or passage of no tontine of theirs is not found).
        Row("Mutation.closeTontineSession", "mutation($input: CloseTontineSessionInput!) { closeTontineSession(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { sessionId = MissingNode("TontineSession") } }),
        Row("Mutation.confirmPassage", "mutation($input: ConfirmPassageInput!) { confirmPassage(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { passageId = MissingNode("TontinePassage") } }),
        Row("Mutation.correctDelivery", "mutation($input: CorrectDeliveryInput!) { correctDelivery(input: $input) { errors { __typename } } }", Access.Roles(Admin, CooperativeManager),
            _ => new { input = new { deliveryId = MissingNode("Delivery"), grossWeightKg = 100m, tareKg = 1m, moisturePercent = 7m, grade = "GRADE_I", pricePerKg = MissingMoney, reason = "Matrice" } }),
        Row("Mutation.createCooperative", "mutation($input: CreateCooperativeInput!) { createCooperative(input: $input) { errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { name = "Coopérative " + s.Unique(), code = "M" + s.Unique().ToUpperInvariant() } }),
        Row("Mutation.createLot", "mutation($input: CreateLotInput!) { createLot(input: $input) { errors { __typename } } }", Access.Roles(Admin, CooperativeManager),
            _ => new { input = new { deliveryIds = new[] { MissingNode("Delivery") } } }),
        Row("Mutation.createPlanter", "mutation($input: CreatePlanterInput!) { createPlanter(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, CooperativeManager), _ => new { input = new { cooperativeId = MissingNode("Cooperative"), fullName = "Koffi Yao" } }),
        Row("Mutation.createPlot", "mutation($input: CreatePlotInput!) { createPlot(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, CooperativeManager), _ => new { input = new { planterId = MissingNode("Planter"), name = "Champ", geoJson = "{\"type\":\"Point\",\"coordinates\":[-6.591234,5.781234]}", declaredAreaHectares = 1 } }),
        Row("Mutation.createTontine", "mutation($input: CreateTontineInput!) { createTontine(input: $input) { errors { __typename } } }", Access.SignedIn,
            s => new
            {
                input = new
                {
                    name = "Tontine " + s.Unique(), type = "ROTATING", frequency = "MONTHLY", contribution = new { amount = 10000, currency = "XOF" },
                    startDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd"),
                },
            }),
        Row("Mutation.createWarehouse", "mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, CooperativeManager), _ => new { input = new { cooperativeId = MissingNode("Cooperative"), name = "Magasin", capacityKg = 1000 } }),
        Row("Mutation.deleteReadingItem", "mutation($input: DeleteReadingItemInput!) { deleteReadingItem(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { kind = "BOOKMARK", id = Guid.NewGuid(), deviceId = "matrice", clientUpdatedAt = DateTime.UtcNow } }),
        Row("Mutation.initiatePayment", "mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { payment { status } errors { __typename } } }",
            Access.SignedIn, s => new
            {
                input = new
                {
                    purpose = "SUBSCRIPTION", method = "ORANGE_MONEY", amount = new { amount = 2500, currency = "XOF" },
                    walletNumber = "+221771234567", idempotencyKey = "matrice-" + s.Unique(),
                },
            }),
        // An unknown user: USER_NOT_FOUND, a payload error.
        Row("Mutation.inviteToTontine", "mutation($input: InviteToTontineInput!) { inviteToTontine(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId, userId = new DefaultNodeIdSerializer().Format("User", Guid.NewGuid()), role = "MEMBER" } }),
        // A code with letters no code has: JOIN_CODE_INVALID, a payload error.
        Row("Mutation.joinTontine", "mutation($input: JoinTontineInput!) { joinTontine(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { code = "OOOO-IIII" } }),
        // A tontine that does not exist: only ADMIN passes the member policy, and gets TONTINE_NOT_FOUND (the demo tontine's
        // members would really leave it).
        Row("Mutation.leaveTontine", "mutation($input: LeaveTontineInput!) { leaveTontine(input: $input) { errors { __typename } } }", Access.Roles(Admin),
            _ => new { input = new { tontineId = new DefaultNodeIdSerializer().Format("Tontine", Guid.NewGuid()) } }),
        Row("Mutation.linkAuthorAccount", "mutation($input: LinkAuthorAccountInput!) { linkAuthorAccount(input: $input) { errors { __typename } } }", Access.Roles(Admin),
            s => new { input = new { authorId = s.RoyaltyAuthorId, userId = s.UserId } }),
        Row("Mutation.login", "mutation($input: LoginInput!) { login(input: $input) { user { id } errors { __typename } } }", Access.Everyone,
            _ => new { input = new { login = "reader@graph.local", password = DemoAccounts.DefaultPassword } }),
        Row("Mutation.logout", "mutation($input: LogoutInput!) { logout(input: $input) { revokedAt errors { __typename } } }", Access.Everyone,
            s => new { input = new { refreshToken = s.FreshRefreshToken() } }),
        Row("Mutation.markNotificationsRead", "mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { unreadCount errors { __typename } } }",
            Access.SignedIn, _ => new { input = new { all = true } }),
        Row("Mutation.moveLot", "mutation($input: MoveLotInput!) { moveLot(input: $input) { errors { __typename } } }", Access.Roles(Admin, CooperativeManager),
            _ => new { input = new { lotId = MissingNode("Lot"), warehouseId = MissingNode("Warehouse") } }),
        Row("Mutation.openTontineSession", "mutation($input: OpenTontineSessionInput!) { openTontineSession(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { sessionId = MissingNode("TontineSession") } }),
        // 1 XOF is below the minimum payout: a payload error, nothing written.
        Row("Mutation.payAuthorRoyalties", "mutation($input: PayAuthorRoyaltiesInput!) { payAuthorRoyalties(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, Finance), s => new
            {
                input = new { authorId = s.RoyaltyAuthorId, amount = new { amount = 1, currency = "XOF" }, method = "WAVE", walletNumber = "+221771234567", idempotencyKey = "matrice-" + s.Unique() },
            }),
        Row("Mutation.payContribution", "mutation($input: PayContributionInput!) { payContribution(input: $input) { errors { __typename } } }", Access.SignedIn,
            s => new { input = new { sessionId = MissingNode("TontineSession"), method = "WAVE", walletNumber = "+221771234567", idempotencyKey = "matrice-" + s.Unique() } }),
        Row("Mutation.payDelivery", "mutation($input: PayDeliveryInput!) { payDelivery(input: $input) { errors { __typename } } }", Access.Roles(Admin, CooperativeManager),
            s => new { input = new { deliveryId = MissingNode("Delivery"), method = "ORANGE_MONEY", idempotencyKey = "matrice-" + s.Unique() } }),
        Row("Mutation.payPassage", "mutation($input: PayPassageInput!) { payPassage(input: $input) { errors { __typename } } }", Access.SignedIn,
            s => new { input = new { passageId = MissingNode("TontinePassage"), method = "WAVE", walletNumber = "+221771234567", idempotencyKey = "matrice-" + s.Unique() } }),
        // The seeded book is PUBLISHED: publishing it again is BOOK_STATUS_CONFLICT, a payload error.
        Row("Mutation.publishBook", "mutation($input: PublishBookInput!) { publishBook(input: $input) { book { id } errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { id = s.BookId } }),
        Row("Mutation.reconcilePayments", "mutation { reconcilePayments { summary { lookedAt } } }", Access.Roles(Admin, Finance)),
        Row("Mutation.recordCashContribution", "mutation($input: RecordCashContributionInput!) { recordCashContribution(input: $input) { errors { __typename } } }",
            Access.SignedIn, s => new { input = new { sessionId = MissingNode("TontineSession"), memberId = s.UserId, reference = "RECU-1", idempotencyKey = "matrice-" + s.Unique() } }),
        // The demo tontine's president (the reader) and treasurer (the buyer) record its cash, as FINANCE and ADMIN may.
        Row("Mutation.recordCashPayment", "mutation($input: RecordCashPaymentInput!) { recordCashPayment(input: $input) { payment { id } errors { __typename } } }",
            Access.Roles(Admin, Finance).With(Outcome.Permit, Reader, Buyer), RecordCashPaymentVariables),
        // A planter of no cooperative: PLANTER_NOT_FOUND, a payload error, for those who may record.
        Row("Mutation.recordDelivery", "mutation($input: RecordDeliveryInput!) { recordDelivery(input: $input) { errors { __typename } } }", Access.Roles(Admin, CooperativeManager),
            _ => new { input = new { planterId = MissingNode("Planter"), plotId = MissingNode("Plot"), warehouseId = MissingNode("Warehouse"), deliveredOn = "2026-01-05",
                grossWeightKg = 100m, tareKg = 1m, moisturePercent = 7m, grade = "GRADE_I", pricePerKg = MissingMoney } }),
        Row("Mutation.refreshToken", "mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { tokens { tokenType } errors { __typename } } }", Access.Everyone,
            s => new { input = new { refreshToken = s.FreshRefreshToken() } }),
        Row("Mutation.refundPayment", "mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { errors { __typename } } }", Access.Roles(Admin, Finance),
            s => new { input = new { paymentId = new DefaultNodeIdSerializer().Format("Payment", Guid.NewGuid()), reason = "Matrice", idempotencyKey = "matrice-" + s.Unique() } }),
        Row("Mutation.regenerateJoinCode", "mutation($input: RegenerateJoinCodeInput!) { regenerateJoinCode(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId } }),
        Row("Mutation.register", "mutation($input: RegisterInput!) { register(input: $input) { user { id } errors { __typename } } }", Access.Everyone,
            s => new { input = new { email = $"matrice-{s.Unique()}@graph.local", displayName = "Awa Diop", password = "baobab-sous-la-pluie" } }),
        Row("Mutation.registerPushDevice", "mutation($input: RegisterPushDeviceInput!) { registerPushDevice(input: $input) { device { tokenSuffix } errors { __typename } } }",
            Access.SignedIn, s => new { input = new { token = "matrice-" + s.Unique(), platform = "ANDROID" } }),
        Row("Mutation.rejectCashPayment", "mutation($input: RejectCashPaymentInput!) { rejectCashPayment(input: $input) { payment { id } errors { __typename } } }",
            Access.Roles(Admin, Finance).With(Outcome.Permit, Reader, Buyer), s => new { input = new { paymentId = s.CashPaymentId, reason = "Le montant ne correspond pas au reçu." } }),
        Row("Mutation.rejectDelivery", "mutation($input: RejectDeliveryInput!) { rejectDelivery(input: $input) { errors { __typename } } }", Access.Roles(Admin, CooperativeManager),
            _ => new { input = new { deliveryId = MissingNode("Delivery"), reason = "Matrice" } }),
        Row("Mutation.removeCooperativeManager", "mutation($input: CooperativeManagerInput!) { removeCooperativeManager(input: $input) { errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { cooperativeId = MissingNode("Cooperative"), userId = s.UserId } }),
        // A user who is not a member: NOT_TONTINE_MEMBER, a payload error.
        Row("Mutation.removeTontineMember", "mutation($input: RemoveTontineMemberInput!) { removeTontineMember(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId, userId = new DefaultNodeIdSerializer().Format("User", Guid.NewGuid()) } }),
        Row("Mutation.requestPasswordReset", "mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted errors { __typename } } }",
            Access.Everyone, _ => new { input = new { login = "reader@graph.local" } }),
        Row("Mutation.resetNotificationPreference", "mutation($input: ResetNotificationPreferenceInput!) { resetNotificationPreference(input: $input) { preference { isDefault } } }",
            Access.SignedIn, _ => new { input = new { category = "ANNOUNCEMENTS" } }),
        Row("Mutation.resetPassword", "mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { user { id } errors { __typename } } }", Access.Everyone,
            _ => new { input = new { code = "00000-00000", newPassword = "baobab-de-kaolack-1960" } }),
        Row("Mutation.resolvePaymentMismatch", "mutation($input: ResolvePaymentMismatchInput!) { resolvePaymentMismatch(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, Finance), s => new { input = new { mismatchId = s.PaymentMismatchId, resolution = "Confirmé avec le support du fournisseur." } }),
        Row("Mutation.respondToTontineInvitation", "mutation($input: RespondToTontineInvitationInput!) { respondToTontineInvitation(input: $input) { errors { __typename } } }",
            Access.SignedIn, _ => new { input = new { invitationId = new DefaultNodeIdSerializer().Format("TontineInvitation", Guid.NewGuid()), accept = true } }),
        // The demo tontine is not SUSPENDED: TONTINE_NOT_SUSPENDED, a payload error.
        Row("Mutation.resumeTontine", "mutation($input: ResumeTontineInput!) { resumeTontine(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId } }),
        Row("Mutation.retryNotification", "mutation($input: RetryNotificationInput!) { retryNotification(input: $input) { errors { __typename } } }", Access.Roles(Admin),
            s => new { input = new { messageId = s.OutboxMessageId } }),
        Row("Mutation.revokeSession", "mutation($input: RevokeSessionInput!) { revokeSession(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { sessionId = new DefaultNodeIdSerializer().Format("Session", Guid.NewGuid()) } }),
        Row("Mutation.revokeTontineInvitation", "mutation($input: RevokeTontineInvitationInput!) { revokeTontineInvitation(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId, invitationId = new DefaultNodeIdSerializer().Format("TontineInvitation", Guid.NewGuid()) } }),
        Row("Mutation.saveAnnotation", "mutation($input: SaveAnnotationInput!) { saveAnnotation(input: $input) { annotation { id } errors { __typename } } }", Access.SignedIn,
            s => new { input = new { id = Guid.NewGuid(), bookId = s.BookId, start = "a", end = "b", excerpt = "Matrice", color = "YELLOW", deviceId = "matrice", clientUpdatedAt = DateTime.UtcNow } }),
        Row("Mutation.saveBookmark", "mutation($input: SaveBookmarkInput!) { saveBookmark(input: $input) { bookmark { id } errors { __typename } } }", Access.SignedIn,
            s => new { input = new { id = Guid.NewGuid(), bookId = s.BookId, position = "matrice", deviceId = "matrice", clientUpdatedAt = DateTime.UtcNow } }),
        Row("Mutation.sellLot", "mutation($input: SellLotInput!) { sellLot(input: $input) { errors { __typename } } }", Access.Roles(Admin, CooperativeManager),
            _ => new { input = new { lotId = MissingNode("Lot"), weightKg = 10m, buyerName = "Matrice", pricePerKg = MissingMoney } }),
        Row("Mutation.sendReminder", "mutation($input: SendReminderInput!) { sendReminder(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader, Buyer),
            s => new { input = new { tontineId = s.TontineId, sessionId = new DefaultNodeIdSerializer().Format("TontineSession", Guid.NewGuid()) } }),
        Row("Mutation.setFxRate", "mutation($input: SetFxRateInput!) { setFxRate(input: $input) { fxRate { rate } errors { __typename } } }", Access.Roles(Admin, Finance),
            _ => new { input = new { @base = "USD", quote = "XOF", date = "2026-01-02", rate = 600.5m, source = "Matrice" } }),
        Row("Mutation.setNotificationPreference", "mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { errors { __typename } } }",
            Access.SignedIn, _ => new { input = new { category = "ANNOUNCEMENTS", inApp = true, channels = new[] { "PUSH" } } }),
        // A MANUAL order naming nobody: INVALID_PAYOUT_ORDER (or TONTINE_NOT_DRAFT), a payload error.
        Row("Mutation.setPayoutOrder", "mutation($input: SetPayoutOrderInput!) { setPayoutOrder(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId, method = "MANUAL", userIds = Array.Empty<string>() } }),
        Row("Mutation.setRoyaltyRule", "mutation($input: SetRoyaltyRuleInput!) { setRoyaltyRule(input: $input) { errors { __typename } } }", Access.Roles(Admin, Finance),
            s => new { input = new { bookId = s.RoyaltyBookId, rate = 0.7m, validFrom = "2099-01-01" } }),
        Row("Mutation.setTontineMemberRole", "mutation($input: SetTontineMemberRoleInput!) { setTontineMemberRole(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId, userId = s.UserId, role = "MEMBER" } }),
        Row("Mutation.setUserRoles", "mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { errors { __typename } } }", Access.Roles(Admin),
            s => new { input = new { userId = s.UserId, roles = new[] { "AUTHOR" } } }),
        Row("Mutation.startPassage", "mutation($input: StartPassageInput!) { startPassage(input: $input) { errors { __typename } } }", Access.SignedIn,
            _ => new { input = new { passageId = MissingNode("TontinePassage") } }),
        // A tontine that does not exist (the demo tontine would start): only ADMIN passes, and gets TONTINE_NOT_FOUND.
        Row("Mutation.startTontine", "mutation($input: StartTontineInput!) { startTontine(input: $input) { errors { __typename } } }", Access.Roles(Admin),
            _ => new { input = new { tontineId = new DefaultNodeIdSerializer().Format("Tontine", Guid.NewGuid()) } }),
        Row("Mutation.subscribeToPlan", "mutation($input: SubscribeToPlanInput!) { subscribeToPlan(input: $input) { errors { __typename } } }", Access.SignedIn,
            s => new { input = new { planId = new DefaultNodeIdSerializer().Format("SubscriptionPlan", Guid.NewGuid()), method = "WAVE", walletNumber = "+221771234567", idempotencyKey = "matrice-" + s.Unique() } }),
        // An empty reason: INVALID_TONTINE_INPUT, a payload error.
        Row("Mutation.suspendTontine", "mutation($input: SuspendTontineInput!) { suspendTontine(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId, reason = "" } }),
        Row("Mutation.syncReading", "mutation($input: SyncReadingInput!) { syncReading(input: $input) { errors { __typename } } }", Access.SignedIn,
            s => new { input = new { deviceId = "matrice", bookmarks = new[] { new { id = Guid.NewGuid(), bookId = s.BookId, position = "matrice", clientUpdatedAt = DateTime.UtcNow } } } }),
        Row("Mutation.unregisterPushDevice", "mutation($input: UnregisterPushDeviceInput!) { unregisterPushDevice(input: $input) { errors { __typename } } }",
            Access.SignedIn, s => new { input = new { token = "matrice-" + s.Unique() } }),
        Row("Mutation.updateAuthor", "mutation($input: UpdateAuthorInput!) { updateAuthor(input: $input) { author { id } errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { id = s.AuthorId, countryCode = "ZZZ" } }),
        Row("Mutation.updateBook", "mutation($input: UpdateBookInput!) { updateBook(input: $input) { book { id } errors { __typename } } }",
            Access.Roles(Admin), s => new { input = new { id = s.BookId, pageCount = -1 } }),
        Row("Mutation.updateCooperative", "mutation($input: UpdateCooperativeInput!) { updateCooperative(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, CooperativeManager), _ => new { input = new { cooperativeId = MissingNode("Cooperative"), name = "Matrice" } }),
        Row("Mutation.updatePlanter", "mutation($input: UpdatePlanterInput!) { updatePlanter(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, CooperativeManager), _ => new { input = new { planterId = MissingNode("Planter"), fullName = "Matrice" } }),
        Row("Mutation.updatePlot", "mutation($input: UpdatePlotInput!) { updatePlot(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, CooperativeManager), _ => new { input = new { plotId = MissingNode("Plot"), name = "Matrice" } }),
        Row("Mutation.updateReadingProgress", UpdateReadingProgress, Access.SignedIn, UpdateReadingProgressVariables),
        // A member limit of 1: INVALID_TONTINE_INPUT (or TONTINE_NOT_DRAFT), a payload error.
        Row("Mutation.updateTontine", "mutation($input: UpdateTontineInput!) { updateTontine(input: $input) { errors { __typename } } }",
            Access.Roles(Admin).With(Outcome.Permit, Reader), s => new { input = new { tontineId = s.TontineId, memberLimit = 1 } }),
        Row("Mutation.updateWarehouse", "mutation($input: UpdateWarehouseInput!) { updateWarehouse(input: $input) { errors { __typename } } }",
            Access.Roles(Admin, CooperativeManager), _ => new { input = new { warehouseId = MissingNode("Warehouse"), capacityKg = 1 } }),
        // The reader recorded the seeded cash payment: for them it is MAKER_CANNOT_CHECK, a payload error.
        Row("Mutation.validateCashPayment", "mutation($input: ValidateCashPaymentInput!) { validateCashPayment(input: $input) { payment { id } errors { __typename } } }",
            Access.Roles(Admin, Finance).With(Outcome.Permit, Reader, Buyer), s => new { input = new { paymentId = s.CashPaymentId } }),
        Row("Mutation.validateDelivery", "mutation($input: ValidateDeliveryInput!) { validateDelivery(input: $input) { errors { __typename } } }", Access.Roles(Admin, CooperativeManager),
            _ => new { input = new { deliveryId = MissingNode("Delivery") } }),
        Row("Mutation.waiveContributionPenalty", "mutation($input: WaiveContributionPenaltyInput!) { waiveContributionPenalty(input: $input) { errors { __typename } } }",
            Access.SignedIn, s => new { input = new { sessionId = MissingNode("TontineSession"), memberId = s.UserId, reason = "Matrice" } }),
        // Withdrawing an unknown book is BOOK_NOT_FOUND, a payload error (the seeded book stays on sale for the other rows).
        Row("Mutation.withdrawBook", "mutation($input: WithdrawBookInput!) { withdrawBook(input: $input) { book { id } errors { __typename } } }",
            Access.Roles(Admin), _ => new { input = new { id = new DefaultNodeIdSerializer().Format("Book", Guid.NewGuid()) } }),
        Row("Query.auditLog", "{ auditLog(first: 5) { nodes { id action entityType } } }", Access.Roles(Admin)),
        Row("Query.author", "query($id: ID!) { author(id: $id) { id name } }", Access.Everyone, s => new { id = s.AuthorId }),
        Row("Query.authors", "{ authors(first: 5) { nodes { id name } } }", Access.Everyone),
        Row("Query.book", "query($id: ID!) { book(id: $id) { id title } }", Access.Everyone, s => new { id = s.BookId }),
        Row("Query.books", "{ books(first: 5) { nodes { id title } } }", Access.Everyone),
        Row("Query.categories", "{ categories { id name children { id } } }", Access.Everyone),
        Row("Query.categoryBySlug", "{ categoryBySlug(slug: \"litterature\") { id name } }", Access.Everyone),
        // The registry: ADMIN, SUPPORT, FINANCE, ANALYST and the managers of the matrix's cooperative (the demo manager).
        Row("Query.cooperative", "query($id: ID!) { cooperative(id: $id) { id } }", Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager), s => new { id = s.IdOf("Cooperative") }),
        Row("Query.cooperatives", "{ cooperatives(first: 5) { nodes { id } } }", Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager)),
        Row("Query.deliveries", "{ deliveries(first: 5) { nodes { id status } totalCount } }", Access.SignedIn),
        Row("Query.delivery", "query($id: ID!) { delivery(id: $id) { id } }", Access.SignedIn.With(Outcome.PermitWithRowRule,
            Callers.All.Where(c => c is not (Callers.Anonymous or Admin or Support or Finance or Analyst or CooperativeManager)).ToArray()), s => new { id = s.IdOf("Delivery") }),
        // Counted under the row rule: a caller who sees no cooperative gets an empty list.
        Row("Query.deliveryStatistics", "{ deliveryStatistics(groupBy: COOPERATIVE) { label deliveries } }", Access.SignedIn),
        Row("Query.fxRates", "{ fxRates { base quote date rate } }", Access.SignedIn),
        // An invoice is seen by its buyer (the reader), FINANCE and ADMIN.
        Row("Query.invoice", "query($id: ID!) { invoice(id: $id) { id } }", Access.SignedIn.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Callers.Anonymous or Admin or Finance or Reader)).ToArray()),
            s => new { id = s.IdOf("Invoice") }),
        Row("Query.invoices", "{ invoices(first: 5) { nodes { id number } } }", Access.Roles(Admin, Finance)),
        Row("Query.ledgerBalances", "{ ledgerBalances { accountType accountKey balance { amount currency } } }", Access.Roles(Admin, Finance)),
        Row("Query.ledgerTotals", "{ ledgerTotals { amount currency } }", Access.Roles(Admin, Finance)),
        Row("Query.lot", "query($id: ID!) { lot(id: $id) { id } }", NobodyFinds, s => new { id = s.IdOf("Lot") }),
        Row("Query.lots", "{ lots(first: 5) { nodes { id code } } }", Access.SignedIn),
        Row("Query.me", "{ me { id } }", Access.SignedIn),
        Row("Query.myAnnotations", "query($book: ID!) { myAnnotations(bookId: $book) { nodes { id } } }", Access.SignedIn, s => new { book = s.BookId }),
        Row("Query.myBookmarks", "query($book: ID!) { myBookmarks(bookId: $book) { nodes { id } } }", Access.SignedIn, s => new { book = s.BookId }),
        Row("Query.myInvoices", "{ myInvoices(first: 5) { nodes { id number } } }", Access.SignedIn),
        Row("Query.myLibrary", "{ myLibrary(first: 5) { nodes { id title } } }", Access.SignedIn),
        Row("Query.myNotificationPreferences", "{ myNotificationPreferences { category channels } }", Access.SignedIn),
        Row("Query.myNotifications", "{ myNotifications(first: 5) { nodes { id title } } }", Access.SignedIn),
        Row("Query.myPayments", "{ myPayments(first: 5) { nodes { id status } } }", Access.SignedIn),
        Row("Query.myPushDevices", "{ myPushDevices { tokenSuffix } }", Access.SignedIn),
        Row("Query.myReadingProgress", "{ myReadingProgress(first: 5) { nodes { position } } }", Access.SignedIn),
        Row("Query.mySessions", "{ mySessions { id } }", Access.SignedIn),
        Row("Query.mySubscriptions", "{ mySubscriptions(first: 5) { nodes { id status } } }", Access.SignedIn),
        Row("Query.myTontineInvitations", "{ myTontineInvitations(first: 5) { nodes { id tontineName } } }", Access.SignedIn),
        NodeRow("AuditEntry", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c != Admin).ToArray())),
        NodeRow("Author", Access.Everyone),
        NodeRow("Book", Access.Everyone),
        NodeRow("Category", Access.Everyone),
        NodeRow("Cooperative", CooperativeRows),
        NodeRow("Delivery", CooperativeRows),
        NodeRow("Invoice", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Finance or Reader)).ToArray())),
        NodeRow("Lot", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray())),
        NodeRow("LotSale", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray())),
        // An inbox is private: only its recipient (the reader) resolves the notification, ADMIN included.
        NodeRow("Notification", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c != Reader).ToArray())),
        NodeRow("OutboxMessage", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support)).ToArray())),
        // A payment is seen by its payer (the reader), FINANCE and ADMIN.
        NodeRow("Payment", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Finance or Reader)).ToArray())),
        NodeRow("PaymentMismatch", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Finance)).ToArray())),
        NodeRow("Planter", CooperativeRows),
        NodeRow("Plot", CooperativeRows),
        NodeRow("Publisher", Access.Everyone),
        NodeRow("ReaderSubscription", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray())),
        NodeRow("SubscriptionPlan", Access.Everyone),
        NodeRow("Tontine", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support or Finance or Reader or Author or Buyer)).ToArray())),
        NodeRow("TontineInvitation", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray())),
        // A tontine's sessions and passages are seen by its members (the reader, the buyer, the author) and ADMIN, SUPPORT, FINANCE.
        NodeRow("TontinePassage", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support or Finance or Reader or Author or Buyer)).ToArray())),
        NodeRow("TontineSession", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support or Finance or Reader or Author or Buyer)).ToArray())),
        NodeRow("User", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support or Author)).ToArray())),
        NodeRow("Warehouse", CooperativeRows),
        NodesRow("AuditEntry", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c != Admin).ToArray())),
        NodesRow("Author", Access.Everyone),
        NodesRow("Book", Access.Everyone),
        NodesRow("Category", Access.Everyone),
        NodesRow("Cooperative", CooperativeRows),
        NodesRow("Delivery", CooperativeRows),
        NodesRow("Invoice", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Finance or Reader)).ToArray())),
        NodesRow("Lot", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray())),
        NodesRow("LotSale", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray())),
        NodesRow("Notification", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c != Reader).ToArray())),
        NodesRow("OutboxMessage", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support)).ToArray())),
        NodesRow("Payment", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Finance or Reader)).ToArray())),
        NodesRow("PaymentMismatch", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Finance)).ToArray())),
        NodesRow("Planter", CooperativeRows),
        NodesRow("Plot", CooperativeRows),
        NodesRow("Publisher", Access.Everyone),
        NodesRow("ReaderSubscription", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray())),
        NodesRow("SubscriptionPlan", Access.Everyone),
        NodesRow("Tontine", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support or Finance or Reader or Author or Buyer)).ToArray())),
        NodesRow("TontineInvitation", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray())),
        NodesRow("TontinePassage", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support or Finance or Reader or Author or Buyer)).ToArray())),
        NodesRow("TontineSession", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support or Finance or Reader or Author or Buyer)).ToArray())),
        NodesRow("User", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Admin or Support or Author)).ToArray())),
        NodesRow("Warehouse", CooperativeRows),
        Row("Query.notificationOutbox", "{ notificationOutbox(first: 5) { nodes { id status } } }", Access.Roles(Admin, Support)),
        Row("Query.notificationOutboxCounts", "{ notificationOutboxCounts { status priority count } }", Access.Roles(Admin, Support)),
        Row("Query.payment", "query($id: ID!) { payment(id: $id) { id } }", Access.SignedIn.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Callers.Anonymous or Admin or Finance or Reader)).ToArray()),
            s => new { id = s.IdOf("Payment") }),
        Row("Query.paymentMethods", "{ paymentMethods }", Access.Everyone),
        Row("Query.paymentMismatches", "{ paymentMismatches(first: 5) { nodes { id kind } } }", Access.Roles(Admin, Finance)),
        Row("Query.paymentReconciliationReport", "query($from: DateTime!, $to: DateTime!) { paymentReconciliationReport(from: $from, to: $to) { consistent } }",
            Access.Roles(Admin, Finance), _ => new { from = "2020-01-01T00:00:00Z", to = "2020-12-31T00:00:00Z" }),
        Row("Query.payments", "{ payments(first: 5) { nodes { id status } } }", Access.SignedIn),
        Row("Query.planter", "query($id: ID!) { planter(id: $id) { id } }", Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager), s => new { id = s.IdOf("Planter") }),
        Row("Query.planters", "{ planters(first: 5) { nodes { id } } }", Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager)),
        Row("Query.plot", "query($id: ID!) { plot(id: $id) { id } }", Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager), s => new { id = s.IdOf("Plot") }),
        Row("Query.plots", "{ plots(first: 5) { nodes { id } } }", Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager)),
        Row("Query.popularBooks", "{ popularBooks(first: 5) { readers reason book { id } } }", Access.Everyone),
        // Anonymous by design (the trace code is the capability); a code that names nothing gives null.
        Row("Query.publicTrace", "query($code: String!) { publicTrace(code: $code) { code } }", Access.Everyone.With(Outcome.PermitWithRowRule, Callers.All.ToArray()),
            _ => new { code = Graph.Api.Deliveries.TraceCodes.New() }),
        Row("Query.publishers", "{ publishers(first: 5) { nodes { id name } } }", Access.Everyone),
        Row("Query.readingChanges", "{ readingChanges(first: 5) { nextCursor hasMore } }", Access.SignedIn),
        // A reader who has not started the book gets null, not an error.
        Row("Query.readingProgress", "query($book: ID!) { readingProgress(bookId: $book) { position } }", Access.SignedIn.With(Outcome.PermitWithRowRule,
            Callers.All.Where(c => c != Callers.Anonymous).ToArray()), s => new { book = s.BookId }),
        // An author's royalties: FINANCE, ADMIN and the author's own account (the author demo account is linked to this author).
        Row("Query.royaltyBalance", "query($id: ID!) { royaltyBalance(authorId: $id) { currency } }", Access.Roles(Admin, Finance, Author), s => new { id = s.RoyaltyAuthorId }),
        Row("Query.royaltyRules", "query($id: ID!) { royaltyRules(bookId: $id) { rate } }", Access.Roles(Admin, Finance, Author), s => new { id = s.RoyaltyBookId }),
        Row("Query.royaltyStatement", "query($id: ID!) { royaltyStatement(authorId: $id, month: \"2026-11\", currency: XOF) { month } }", Access.Roles(Admin, Finance, Author),
            s => new { id = s.RoyaltyAuthorId }),
        Row("Query.royaltyStatements", "query($id: ID!) { royaltyStatements(authorId: $id) { month } }", Access.Roles(Admin, Finance, Author), s => new { id = s.RoyaltyAuthorId }),
        Row("Query.searchBooks", "{ searchBooks(query: \"soleil\", first: 5) { nodes { id title } totalCount } }", Access.Everyone),
        Row("Query.subscriptionPlans", "{ subscriptionPlans { id code price { amount currency } } }", Access.Everyone),
        Row("Query.tontine", "query($id: ID!) { tontine(id: $id) { id } }", Access.SignedIn.With(Outcome.PermitWithRowRule, Analyst, CooperativeManager), s => new { id = s.TontineId }),
        Row("Query.tontines", "{ tontines(first: 5) { nodes { id } } }", Access.SignedIn),
        Row("Query.traceOf", "query($id: ID!) { traceOf(lotId: $id) { lot { id } } }", NobodyFinds, s => new { id = s.IdOf("Lot") }),
        Row("Query.unreadNotificationCount", "{ unreadNotificationCount }", Access.SignedIn),
        Row("Query.users", "{ users(first: 5) { nodes { id } } }", Access.Roles(Admin, Support)),
        Row("Query.verifyTrace", "query($id: ID!) { verifyTrace(lotId: $id) { valid } }", NobodyFinds, s => new { id = s.IdOf("Lot") }),
        Row("Query.warehouse", "query($id: ID!) { warehouse(id: $id) { id } }", Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager), s => new { id = s.IdOf("Warehouse") }),
        Row("Query.warehouses", "{ warehouses(first: 5) { nodes { id } } }", Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager)),
        Row("Subscription.auditEntryAdded", "subscription { auditEntryAdded { id action entityType } }", Access.Roles(Admin)),
        Row("Subscription.bookAdded", "subscription { bookAdded { id title } }", Access.Everyone),
        Row("Subscription.bookUpdated", "subscription($id: ID!) { bookUpdated(bookId: $id) { id title } }", Access.Everyone, s => new { id = s.BookId }),
        // A tontine's events: its members (the reader, the buyer, the author), ADMIN, SUPPORT and FINANCE.
        Row("Subscription.contributionRecorded", "subscription($id: ID!) { contributionRecorded(tontineId: $id) { status } }",
            Access.Roles(Admin, Support, Finance, Reader, Buyer, Author), s => new { id = s.TontineId }),
        // A cooperative's events: its manager (the cooperative manager's demo account), ADMIN, SUPPORT, FINANCE and ANALYST.
        Row("Subscription.deliveryRecorded", "subscription($id: ID!) { deliveryRecorded(cooperativeId: $id) { id status } }",
            Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager), s => new { id = s.Deliveries.Cooperative }),
        Row("Subscription.myPaymentUpdates", "subscription { myPaymentUpdates { id status } }", Access.SignedIn),
        Row("Subscription.notificationReceived", "subscription { notificationReceived { id title } }", Access.SignedIn),
        // Those who may not see the payment are refused as for a payment that does not exist (PAYMENT_NOT_FOUND).
        Row("Subscription.paymentStatusChanged", "subscription($id: ID!) { paymentStatusChanged(paymentId: $id) { id status } }",
            Access.SignedIn.With(Outcome.PermitWithRowRule, Callers.All.Where(c => c is not (Callers.Anonymous or Admin or Finance or Reader)).ToArray()),
            s => new { id = s.IdOf("Payment") }),
        Row("Subscription.readingProgressChanged", "subscription { readingProgressChanged { position deviceId } }", Access.SignedIn),
        Row("Subscription.stockChanged", "subscription($id: ID!) { stockChanged(warehouseId: $id) { id stockKg } }",
            Access.Roles(Admin, Support, Finance, Analyst, CooperativeManager), s => new { id = s.Deliveries.Warehouse }),
        Row("Subscription.tontineSessionUpdated", "subscription($id: ID!) { tontineSessionUpdated(tontineId: $id) { id status } }",
            Access.Roles(Admin, Support, Finance, Reader, Buyer, Author), s => new { id = s.TontineId }),
    ];

    /// <summary>Every (row, caller) pair with the outcome the row expects.</summary>
    public static TheoryData<string, string, Outcome> Cases()
    {
        var cases = new TheoryData<string, string, Outcome>();
        foreach (var row in Rows)
        {
            foreach (var caller in Callers.All)
            {
                cases.Add(row.Key, caller, row.Access.For(caller));
            }
        }
        return cases;
    }

    [Fact]
    public void The_rows_are_sorted_by_key_and_unique()
    {
        var keys = Rows.Select(r => r.Key).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(keys.Distinct(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task Every_root_field_has_a_row()
    {
        const string introspection = """
            {
              __schema {
                queryType { name fields { name } }
                mutationType { name fields { name } }
                subscriptionType { name fields { name } }
                types { name interfaces { name } }
              }
            }
            """;
        var response = await server.SendAsync(introspection, null, accessToken: null);
        Assert.False(response.HasErrors, response.Text);
        var schema = response.Body.GetProperty("data").GetProperty("__schema");
        var nodeTypes = schema.GetProperty("types").EnumerateArray()
            .Where(t => t.GetProperty("interfaces").ValueKind == JsonValueKind.Array
                && t.GetProperty("interfaces").EnumerateArray().Any(i => i.GetProperty("name").GetString() == "Node"))
            .Select(t => t.GetProperty("name").GetString()!)
            .ToList();

        var expected = new List<string>();
        foreach (var root in new[] { "queryType", "mutationType", "subscriptionType" })
        {
            if (schema.GetProperty(root) is not { ValueKind: JsonValueKind.Object } type)
            {
                continue;
            }
            var rootName = type.GetProperty("name").GetString();
            foreach (var field in type.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!))
            {
                if (field.StartsWith("__", StringComparison.Ordinal))
                {
                    continue;
                }
                if (rootName == "Query" && field is "node" or "nodes")
                {
                    expected.AddRange(nodeTypes.Select(t => $"Query.{field}({t})"));
                    continue;
                }
                expected.Add($"{rootName}.{field}");
            }
        }

        var keys = Rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Root fields without a row in the authorization matrix: " + string.Join(", ", missing));
        var stale = keys.Except(expected, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "Rows of the authorization matrix for fields the schema does not have: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_caller_gets_the_outcome_of_the_matrix(string field, string caller, Outcome expected)
    {
        var row = Rows.Single(r => r.Key == field);
        var token = server.TokenOf(caller);
        var variables = row.Variables(server.Seed);
        var before = await TableRows.CountAsync(server.ConnectionString);

        if (row.RootType == "Subscription")
        {
            await SubscribeAsync(row, caller, token, variables, expected, before);
            return;
        }

        var response = await server.SendAsync(row.Document, variables, token);
        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        var body = response.Body;
        if (expected is Outcome.Permit or Outcome.PermitWithRowRule)
        {
            Assert.False(response.HasErrors, $"{field} as {caller}: {response.Text}");
            if (expected is Outcome.Permit)
            {
                // A row rule may answer null (a node the caller may not see) without an error.
                Assert.NotEqual(JsonValueKind.Null, body.GetProperty("data").GetProperty(row.Field).ValueKind);
            }
            return;
        }

        AssertDenied(body, row, caller, expected);
        Assert.Equal(before, await TableRows.CountAsync(server.ConnectionString));
    }

    private async Task SubscribeAsync(MatrixRow row, string caller, string? token, object? variables, Outcome expected, string before)
    {
        using var request = GraphQLHttp.PostQuery(row.Document, variables, "text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        if (expected is Outcome.Permit or Outcome.PermitWithRowRule)
        {
            // Subscribed once the headers are sent: a book added now reaches both book subscriptions, a notification of
            // the caller notificationReceived.
            if (row.Field == "paymentStatusChanged" && expected == Outcome.PermitWithRowRule)
            {
                var refused = (await events.ReadEventAsync("next")).Json;
                await events.ReadEventAsync("complete");
                Assert.Contains("PAYMENT_NOT_FOUND", refused.ToString(), StringComparison.Ordinal);
                Assert.Equal(before, await TableRows.CountAsync(server.ConnectionString));
                return;
            }
            if (row.Field == "notificationReceived")
            {
                await server.NotifyAsync(caller);
            }
            else if (row.Field == "myPaymentUpdates")
            {
                // A payment of the caller's, created now, announces its first status.
                await server.CreatePaymentAsync(caller);
            }
            else if (row.Field == "readingProgressChanged")
            {
                // The caller's own progress, reported from another device.
                var reported = await server.SendAsync(UpdateReadingProgress, UpdateReadingProgressVariables(server.Seed), token);
                Assert.False(reported.HasErrors, reported.Text);
            }
            else if (row.Field == "bookUpdated")
            {
                var updated = await server.SendAsync("mutation($input: UpdateBookInput!) { updateBook(input: $input) { errors { __typename } } }",
                    new { input = new { id = server.Seed.BookId, pageCount = 100 + Random.Shared.Next(900) } }, server.TokenOf(Admin));
                Assert.False(updated.HasErrors, updated.Text);
            }
            else if (row.Field is "tontineSessionUpdated" or "contributionRecorded")
            {
                var sender = server.Services.GetRequiredService<ITopicEventSender>();
                if (row.Field == "tontineSessionUpdated")
                {
                    await sender.SendAsync(TontineTopics.SessionUpdated(server.DemoTontine.Tontine), new TontineSessionChanged(server.DemoTontine.Session), CancellationToken.None);
                }
                else
                {
                    await sender.SendAsync(TontineTopics.ContributionRecorded(server.DemoTontine.Tontine),
                        new TontineContributionChanged(server.DemoTontine.Session, server.DemoTontine.Member), CancellationToken.None);
                }
            }
            else if (row.Field == "deliveryRecorded")
            {
                await server.Services.GetRequiredService<ITopicEventSender>().SendAsync(DeliveryTopics.DeliveryRecorded(server.DemoDeliveries.Cooperative),
                    new DeliveryChanged(server.DemoDeliveries.Delivery), CancellationToken.None);
            }
            else if (row.Field == "stockChanged")
            {
                await server.Services.GetRequiredService<ITopicEventSender>().SendAsync(DeliveryTopics.StockChanged(server.DemoDeliveries.Warehouse),
                    new StockChanged(server.DemoDeliveries.Warehouse), CancellationToken.None);
            }
            else if (row.Field == "paymentStatusChanged")
            {
                await server.Services.GetRequiredService<ITopicEventSender>().SendAsync(PaymentTopics.StatusChanged(server.PaymentId),
                    new PaymentMoved(server.PaymentId, PaymentStatus.Pending), CancellationToken.None);
            }
            else
            {
                var added = await server.SendAsync(AddBook, AddBookVariables(server.Seed), server.TokenOf(Admin));
                Assert.False(added.HasErrors, added.Text);
            }
            var next = (await events.ReadEventAsync("next")).Json;
            Assert.False(next.TryGetProperty("errors", out _), next.ToString());
            Assert.Equal(JsonValueKind.Object, next.GetProperty("data").GetProperty(row.Field).ValueKind);
            return;
        }

        var denial = (await events.ReadEventAsync("next")).Json;
        await events.ReadEventAsync("complete");
        AssertDenied(denial, row, "subscriber", expected);
        Assert.Equal(before, await TableRows.CountAsync(server.ConnectionString));
    }

    private static void AssertDenied(JsonElement body, MatrixRow row, string caller, Outcome expected)
    {
        var code = expected == Outcome.NotAuthenticated ? "AUTH_NOT_AUTHENTICATED" : "AUTH_NOT_AUTHORIZED";
        Assert.True(body.TryGetProperty("errors", out var errors), $"{row.Key} as {caller}: no error in {body}");
        var codes = errors.EnumerateArray()
            .Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null)
            .ToList();
        Assert.True(codes.Contains(code), $"{row.Key} as {caller}: expected {code}, got {body}");
        Assert.DoesNotContain(codes, c => c != code);
        // The field is null: itself, or its parent when it is non-null (the null reaches data), or no data at all; for a
        // list of nodes (nodes), each denied item.
        if (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            var value = data.GetProperty(row.Field);
            if (value.ValueKind == JsonValueKind.Array)
            {
                Assert.All(value.EnumerateArray(), item => Assert.Equal(JsonValueKind.Null, item.ValueKind));
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, value.ValueKind);
            }
        }
    }

    /// <summary>The server in memory on its own database, seeded with the demo catalog and accounts, and each demo
    /// account's access token (signed in once).</summary>
    public sealed class Server : IAsyncLifetime
    {
        /// <summary>Sessions of the reader's account for the rows that spend a refresh token (logout, refreshToken), one
        /// per caller and row.</summary>
        private const int RefreshTokens = 24;

        private readonly DatabaseFixture _database = new();
        private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
        private GraphApiFactory? _factory;

        public HttpClient Client { get; private set; } = null!;

        public string ConnectionString => _database.ConnectionString;

        public MatrixSeed Seed { get; private set; } = null!;

        /// <summary>The access token of <paramref name="caller"/>'s demo account; null for the anonymous caller.</summary>
        public string? TokenOf(string caller) => caller == Callers.Anonymous ? null : _tokens[caller];

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            // The dispatcher stays off: it would change the outbox behind the checks that a denied call changes nothing.
            _factory = new GraphApiFactory(_database.ConnectionString, settings: new Dictionary<string, string?> { ["Graph:Notifications:Dispatcher:Enabled"] = "false" });
            Client = _factory.CreateClient();
            await using (var db = _database.CreateContext())
            {
                var accounts = new DemoAccounts(DemoAccounts.DefaultPassword, _factory.Services.GetRequiredService<IPasswordHasher<User>>());
                await DemoSeeder.SeedAsync(db, TimeProvider.System, accounts);
            }

            foreach (var (email, _, role, _) in DemoAccounts.All)
            {
                _tokens[PlatformRoles.ToName(role)] = (await LoginAsync(email)).GetProperty("accessToken").GetString()!;
            }
            var refreshTokens = new List<string>();
            for (var i = 0; i < RefreshTokens; i++)
            {
                refreshTokens.Add((await LoginAsync("reader@graph.local")).GetProperty("refreshToken").GetString()!);
            }

            var ids = await SendAsync("{ books(first: 1) { nodes { id } } authors(first: 1) { nodes { id } } auditLog(first: 1) { nodes { id } } "
                + "users(first: 1, where: { email: { eq: \"author@graph.local\" } }) { nodes { id } } "
                // The accounts' tontine (the reader presides it), among the demo tontines of other people.
                + $"tontines(first: 1, where: {{ name: {{ eq: \"{DemoSeeder.DemoTontineName}\" }} }}) {{ nodes {{ id }} }} "
                + "categories { id } publishers(first: 1) { nodes { id } } }", null, _tokens[PlatformRoles.AdminName]);
            Assert.False(ids.HasErrors, ids.Text);
            var data = ids.Body.GetProperty("data");
            string First(string field) => data.GetProperty(field).GetProperty("nodes")[0].GetProperty("id").GetString()!;
            // A message of the outbox, DEAD, as retryNotification wants it.
            string outboxMessageId;
            await using (var db = _database.CreateContext())
            {
                var message = _factory.Services.GetRequiredService<Notifier>().Enqueue(db, NotificationChannel.Sms, "+221770000000", NotificationTemplates.PasswordChanged, "fr", new Dictionary<string, string>());
                message.Status = OutboxStatus.Dead;
                await db.SaveChangesAsync();
                outboxMessageId = _factory.Services.GetRequiredService<INodeIdSerializer>().Format(nameof(OutboxMessage), message.Id);
            }
            PaymentId = (await CreatePaymentAsync(PlatformRoles.ReaderName)).Id;
            // A cash contribution to the demo tontine, recorded by its president (the reader), and an open mismatch.
            var recorded = await SendAsync(
                "mutation($input: RecordCashPaymentInput!) { recordCashPayment(input: $input) { payment { id } errors { __typename } } }",
                new { input = new { purpose = "TONTINE_CONTRIBUTION", amount = new { amount = 5000, currency = "XOF" }, tontineId = First("tontines"),
                    description = "Cotisation en espèces", idempotencyKey = "matrice-seed", proof = new { reference = "RECU-0001" } } },
                _tokens[PlatformRoles.ReaderName]);
            Assert.False(recorded.HasErrors, recorded.Text);
            var cashPaymentId = recorded.Body.GetProperty("data").GetProperty("recordCashPayment").GetProperty("payment").GetProperty("id").GetString()!;
            var mismatch = new PaymentMismatch
            {
                Id = Guid.CreateVersion7(),
                Kind = MismatchKind.UnknownPayment,
                Provider = PaymentMethod.OrangeMoney,
                ProviderReference = "MP0000000001",
                ProviderStatus = "SUCCESSFUL",
                Detail = "The provider reported a transaction no payment has.",
                DetectedAt = DateTime.UtcNow,
            };
            await using (var db = _database.CreateContext())
            {
                db.PaymentMismatches.Add(mismatch);
                await db.SaveChangesAsync();
            }
            (Guid Author, Guid Book) royalties;
            await using (var db = _database.CreateContext())
            {
                royalties = await db.Authors.Where(a => a.UserId != null && db.Users.Any(u => u.Id == a.UserId && u.Email == "author@graph.local"))
                    .Select(a => new ValueTuple<Guid, Guid>(a.Id, a.Books.Select(b => b.Id).First())).SingleAsync();
            }
            Guid invoiceId;
            await using (var db = _database.CreateContext())
            {
                // The demo book purchase's invoice: the reader's.
                invoiceId = await db.Invoices.Select(i => i.Id).SingleAsync();
            }
            DemoTontine = await StartDemoTontineAsync((Guid)new DefaultNodeIdSerializer().Parse(First("tontines")).Key);
            DemoDeliveries = await SeedDeliveriesAsync();
            Seed = new MatrixSeed(First("books"), First("authors"), First("auditLog"), First("users"), First("tontines"), outboxMessageId, refreshTokens)
            {
                TontineSessionId = new DefaultNodeIdSerializer().Format(nameof(TontineSession), DemoTontine.Session),
                TontinePassageId = new DefaultNodeIdSerializer().Format(nameof(TontinePassage), DemoTontine.Passage),
                NotificationId = new DefaultNodeIdSerializer().Format("Notification", (await NotifyAsync(PlatformRoles.ReaderName)).Id),
                PaymentId = new DefaultNodeIdSerializer().Format("Payment", PaymentId),
                CashPaymentId = cashPaymentId,
                InvoiceId = new DefaultNodeIdSerializer().Format("Invoice", invoiceId),
                CategoryId = data.GetProperty("categories")[0].GetProperty("id").GetString()!,
                PublisherId = First("publishers"),
                PaymentMismatchId = new DefaultNodeIdSerializer().Format(nameof(PaymentMismatch), mismatch.Id),
                RoyaltyAuthorId = new DefaultNodeIdSerializer().Format("Author", royalties.Author),
                RoyaltyBookId = new DefaultNodeIdSerializer().Format("Book", royalties.Book),
                Deliveries = (new DefaultNodeIdSerializer().Format(nameof(Cooperative), DemoDeliveries.Cooperative), new DefaultNodeIdSerializer().Format(nameof(Warehouse), DemoDeliveries.Warehouse),
                    new DefaultNodeIdSerializer().Format(nameof(Planter), DemoDeliveries.Planter), new DefaultNodeIdSerializer().Format(nameof(Plot), DemoDeliveries.Plot),
                    new DefaultNodeIdSerializer().Format(nameof(Delivery), DemoDeliveries.Delivery)),
            };
        }

        /// <summary>The seeded payment: a subscription the reader pays.</summary>
        public Guid PaymentId { get; private set; }

        /// <summary>The demo tontine, its first session, one of its passages and a member (whose contribution events name).</summary>
        public (Guid Tontine, Guid Session, Guid Passage, Guid Member) DemoTontine { get; private set; }

        /// <summary>The matrix's cooperative (managed by the cooperative manager's demo account), its warehouse, planter, plot
        /// and a delivery recorded through <see cref="DeliveryOperations"/>.</summary>
        public (Guid Cooperative, Guid Warehouse, Guid Planter, Guid Plot, Guid Delivery) DemoDeliveries { get; private set; }

        private async Task<(Guid Cooperative, Guid Warehouse, Guid Planter, Guid Plot, Guid Delivery)> SeedDeliveriesAsync()
        {
            await using var db = _database.CreateContext();
            var now = DateTime.UtcNow;
            var manager = await db.Users.Where(u => u.Email == "cooperative.manager@graph.local").Select(u => u.Id).SingleAsync();
            var cooperative = new Cooperative { Id = Guid.CreateVersion7(), Name = "Coopérative de la matrice", Code = "MATRICE-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), CreatedAt = now, UpdatedAt = now };
            var warehouse = new Warehouse { Id = Guid.CreateVersion7(), CooperativeId = cooperative.Id, Name = "Magasin de la matrice", CapacityKg = 50_000m, CreatedAt = now, UpdatedAt = now };
            var planter = new Planter { Id = Guid.CreateVersion7(), CooperativeId = cooperative.Id, FullName = "Planteur de la matrice", Phone = "+2250701020304", CreatedAt = now, UpdatedAt = now };
            var plot = new Plot
            {
                Id = Guid.CreateVersion7(), PlanterId = planter.Id, Name = "Parcelle de la matrice", Kind = PlotGeometryKind.Point,
                GeoJson = "{\"type\":\"Point\",\"coordinates\":[-6.590123,5.780456]}", AreaHectares = 2m, Latitude = 5.780456, Longitude = -6.590123, CreatedAt = now, UpdatedAt = now,
            };
            db.AddRange(cooperative, warehouse, planter, plot, new CooperativeManager { CooperativeId = cooperative.Id, UserId = manager, AddedAt = now });
            await db.SaveChangesAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var recorded = await DeliveryOperations.RecordAsync(db, new DeliveryActor(manager, Admin: false, Manager: true), new RecordDeliveryInput
            {
                PlanterId = planter.Id, PlotId = plot.Id, WarehouseId = warehouse.Id, DeliveredOn = DateOnly.FromDateTime(now), GrossWeightKg = 500m, TareKg = 2m,
                MoisturePercent = 7m, Grade = CocoaGrade.GradeI, PricePerKg = new MoneyInput { Amount = 1800m, Currency = Currency.XOF },
            }, now, CancellationToken.None);
            Assert.Null(recorded.Error);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return (cooperative.Id, warehouse.Id, planter.Id, plot.Id, recorded.Value!.Id);
        }

        /// <summary>Starts the demo tontine when the seed left it a draft, so that it has sessions and passages.</summary>
        private async Task<(Guid Tontine, Guid Session, Guid Passage, Guid Member)> StartDemoTontineAsync(Guid tontineId)
        {
            await using var db = _database.CreateContext();
            if (!await db.TontineSessions.AnyAsync(s => s.TontineId == tontineId))
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var tontine = await db.Tontines.SingleAsync(t => t.Id == tontineId);
                await TontineStarter.StartAsync(db, tontine, DateTime.UtcNow, CancellationToken.None);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
            var session = await db.TontineSessions.Where(s => s.TontineId == tontineId).OrderBy(s => s.Number).Select(s => s.Id).FirstAsync();
            var passage = await db.TontinePassages.Where(p => p.TontineId == tontineId).OrderBy(p => p.Kind).ThenBy(p => p.Position).Select(p => p.Id).FirstAsync();
            var member = await db.TontineContributions.Where(c => c.SessionId == session).Select(c => c.UserId).FirstAsync();
            return (tontineId, session, passage, member);
        }

        public IServiceProvider Services => _factory!.Services;

        /// <summary>Creates (and commits) a subscription payment by <paramref name="caller"/>'s demo account, INITIATED.</summary>
        internal async Task<Payment> CreatePaymentAsync(string caller)
        {
            var email = DemoAccounts.All.Single(a => PlatformRoles.ToName(a.Role) == caller).Email;
            await using var db = _database.CreateContext();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var created = await Services.GetRequiredService<PaymentService>().CreateAsync(new PaymentRequest
            {
                Purpose = PaymentPurpose.Subscription,
                Method = PaymentMethod.OrangeMoney,
                Amount = new Money(2500m, Currency.XOF),
                WalletNumber = "+221771234567",
                PayerUserId = userId,
                Description = "Matrice",
                IdempotencyKey = Guid.NewGuid().ToString("N"),
            }, userId, CancellationToken.None);
            return created.Payment!;
        }

        /// <summary>Writes (and commits) a notification for <paramref name="caller"/>'s demo account, as a domain would.</summary>
        internal async Task<Notification> NotifyAsync(string caller)
        {
            var services = _factory!.Services;
            var email = DemoAccounts.All.Single(a => PlatformRoles.ToName(a.Role) == caller).Email;
            await using var db = await services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContextAsync();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var write = await services.GetRequiredService<Notifier>().NotifyAsync(db, user, NotificationTemplates.TontineMemberAdded,
                new Dictionary<string, string> { ["tontine"] = "Matrice", ["role"] = "MEMBER" });
            await db.SaveChangesAsync();
            return write.InApp!;
        }

        private async Task<JsonElement> LoginAsync(string email)
        {
            var response = await SendAsync(
                "mutation($input: LoginInput!) { login(input: $input) { tokens { accessToken refreshToken } errors { __typename ... on Error { code } } } }",
                new { input = new { login = email, password = DemoAccounts.DefaultPassword } },
                accessToken: null);
            Assert.False(response.HasErrors, response.Text);
            var tokens = response.Body.GetProperty("data").GetProperty("login").GetProperty("tokens");
            Assert.True(tokens.ValueKind == JsonValueKind.Object, $"{email} could not sign in: {response.Text}");
            return tokens.Clone();
        }

        /// <summary>Posts a GraphQL request, with <c>Authorization: Bearer</c> when a token is given.</summary>
        internal Task<GraphQLHttpResponse> SendAsync(string query, object? variables, string? accessToken)
        {
            var request = GraphQLHttp.PostQuery(query, variables);
            if (accessToken is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            }
            return Client.SendGraphQLAsync(request);
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }
            await _database.DisposeAsync();
        }
    }
}
