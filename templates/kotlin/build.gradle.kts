import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    kotlin("jvm") version "2.4.20"
    kotlin("plugin.serialization") version "2.4.20"
    `maven-publish`
}

group = "{{ group }}"
version = {{ version }}
{%- if let Some(description) = description %}
description = {{ description }}
{%- endif %}

repositories {
    mavenCentral()
}

dependencies {
    // The DTOs expose JsonElement and the configured Json instance.
    api("org.jetbrains.kotlinx:kotlinx-serialization-json:1.12.0")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.11.0")
}

java {
    sourceCompatibility = JavaVersion.VERSION_17
    targetCompatibility = JavaVersion.VERSION_17
    withSourcesJar()
    withJavadocJar()
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

publishing {
    publications {
        create<MavenPublication>("maven") {
            artifactId = {{ artifact }}
            from(components["java"])
            pom {
                name.set({{ title }})
{%- if let Some(description) = description %}
                description.set({{ description }})
{%- endif %}
{%- if let Some(url) = url %}
                url.set({{ url }})
{%- endif %}
{%- if let Some((name, url)) = license %}
                licenses {
                    license {
                        name.set({{ name }})
{%- if let Some(url) = url %}
                        url.set({{ url }})
{%- endif %}
                    }
                }
{%- endif %}
{%- if !developers.is_empty() %}
                developers {
{%- for (name, email) in developers %}
                    developer {
                        name.set({{ name }})
{%- if let Some(email) = email %}
                        email.set({{ email }})
{%- endif %}
                    }
{%- endfor %}
                }
{%- endif %}
{%- if let Some((url, connection)) = scm %}
                scm {
                    url.set({{ url }})
                    connection.set({{ connection }})
                    developerConnection.set({{ connection }})
                }
{%- endif %}
            }
        }
    }
}
