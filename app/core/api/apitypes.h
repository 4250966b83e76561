#pragma once

// Typed values of the Creatify API, read tolerantly from JSON (unknown fields ignored, numbers
// that arrive as strings accepted, `output` and `video_output` both understood).

#include "jobstatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace PreviewDeck {

// POST /api/links/ and /link_with_params/ answer the wrapper; PUT answers the inner object.
struct Link
{
    QString id; // outer id: the one link_to_videos wants
    QString innerId; // the scraped object's own id (never pass it as `link`)
    QUrl url;
    QString title;
    QString description;
    QStringList imageUrls;
    QStringList videoUrls;
    QString logoUrl;
    QString aiSummary;

    static bool fromWrapperJson(const QJsonObject &object, Link *out);
    // Fills the scraped fields from a flat InnerLink (PUT's answer), keeping `id`.
    void updateFromInnerJson(const QJsonObject &inner);
    QJsonObject toJson() const; // for the store
};

// Body of POST /api/links/link_with_params/ and PUT /api/links/{id}/.
struct LinkParams
{
    QString title;
    QString description;
    QStringList imageUrls;
    QStringList videoUrls;
    QString logoUrl;
    QJsonObject toJson() const;
};

struct Preview
{
    QString mediaJob;
    QString visualStyle;
    QString aspectRatio;
    QUrl url;
    QUrl editorUrl;
    int duration = 0;
};

struct RenderOutput
{
    QString mediaJob;
    QString visualStyle;
    QString aspectRatio;
    JobStatus status; // JobStatus::fromApiName: a status this build does not know stays Other
    double progress = 0; // 0..1
    QUrl videoOutput;
    QUrl videoThumbnail;
    QString failedReason;
    int duration = 0;
};

// A link_to_videos job as GET /api/link_to_videos/{id}/ reports it.
struct VideoJob
{
    QString id;
    QString linkId;
    QString name;
    JobStatus status;
    double progress = 0; // 0..1
    QString failedReason;
    QString mediaJob;
    QString aspectRatio;
    int videoLength = 0;
    QString modelVersion;
    QStringList visualStyles;
    QList<Preview> previews;
    QList<RenderOutput> outputs;
    // The top level read as one output: in the older schema (no outputs[]) the latest render.
    RenderOutput topLevel;
    QUrl videoOutput;
    QUrl videoThumbnail;
    double creditsUsed = 0;
    int duration = 0;

    static bool fromJson(const QJsonObject &object, VideoJob *out);
};

// Body of POST /api/link_to_videos/preview_list_async/.
struct PreviewListRequest
{
    QString linkId;
    QString name;
    QString targetPlatform;
    QString targetAudience;
    QString language = QStringLiteral("en");
    int videoLength = 30;
    QString aspectRatio = QStringLiteral("9x16");
    QString scriptStyle;
    QStringList visualStyles;
    QString modelVersion = QStringLiteral("standard");
    QString overrideAvatar;
    QString overrideVoice;
    QString overrideScript;
    bool noBackgroundMusic = false;
    bool noCaption = false;
    bool noEmotion = false;
    bool noCta = false;
    bool noStockBroll = false;

    QJsonObject toJson() const;
    static PreviewListRequest fromJson(const QJsonObject &object);
};

enum class VariableType { Unknown, Text, Image, Video, Audio, Avatar, Voiceover };
VariableType variableTypeFromString(const QString &type);
QString variableTypeToString(VariableType type);
// The property that carries a variable's value: content, url, avatar_id or voice_id.
QString valuePropertyFor(VariableType type);

struct TemplateVariable
{
    QString name;
    VariableType type = VariableType::Unknown;
    QJsonObject properties; // defaults as the template defines them
    bool required = false;
};

struct CustomTemplate
{
    QString id;
    QString name;
    QUrl preview;
    QString aspectRatio;
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<TemplateVariable> variables; // only from GET /api/custom_templates/{id}/

    static bool fromJson(const QJsonObject &object, CustomTemplate *out);
};

// Body of POST /api/custom_template_jobs/preview_async/.
struct TemplateJobRequest
{
    QString templateId;
    QString name;
    QString modelVersion; // empty: server default
    QJsonObject variables; // name -> {"type": …, "properties": {…}}

    QJsonObject toJson() const;
    static QJsonObject variable(VariableType type, const QString &value);
};

struct TemplateJob
{
    QString id;
    QString name;
    JobStatus status;
    double progress = 0; // 0..1
    QString failedReason;
    QString mediaJob;
    QUrl preview;
    QUrl videoOutput; // `video_output`, or `output` as template renders report it
    QUrl editorUrl;
    double creditsUsed = 0;
    int duration = 0;
    QString modelVersion;
    QJsonObject variables;
    QDateTime createdAt;
    QDateTime updatedAt;

    static bool fromJson(const QJsonObject &object, TemplateJob *out);
};

struct Persona
{
    QString id;
    QString creatorName;
    QString gender;
    QString ageRange;
    QString style;
    QString location;
    QUrl previewImage16x9;
    QUrl previewImage9x16;
    QUrl previewImage1x1;
    bool isActive = true;

    static bool fromJson(const QJsonObject &object, Persona *out);
};

struct PersonaPage
{
    int count = 0;
    bool hasNext = false;
    QList<Persona> personas;
};

struct VoiceAccent
{
    QString id; // what override_voice and voice_id want
    QString name;
    QUrl previewUrl;
};

struct Voice
{
    QString name;
    QString gender;
    QList<VoiceAccent> accents;

    static bool fromJson(const QJsonObject &object, Voice *out);
};

// Reads a JSON value that may be a number or a numeric string; -1 when neither.
double jsonNumber(const QJsonValue &value, double fallback = -1);
// Progress as a fraction 0..1 whether the API sent 0..1 or 0..100, number or string.
double progressFraction(const QJsonValue &value);
bool looksLikeUuid(const QString &text);

} // namespace PreviewDeck
